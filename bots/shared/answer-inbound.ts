// What every bot adapter does with one stored inbound event: run the dialog (with a time limit;
// a failure becomes a Vietnamese apology, a refusal its own message), send the answers directly,
// and hand what could not go out (flood limit, network) to the notify queue, which retries.
// The adapter supplies only how to send one answer and how to read its client's errors, and, for
// a button press, how to answer the presser and the pressed message (before the replies, so the
// presser's spinner stops first).
import { isAppError } from '../../src/core/app-error.js';
import type { Logger } from '../../src/core/logger.js';
import {
  pressOf,
  repliesOf,
  type ConversationRef,
  type InboundAnswer,
  type InboundEnvelope,
  type Outbound,
  type PressAnswer,
} from '../../src/dialog/dialog-types.js';
import { SendRejectedError, UndeliverableError } from '../../src/notify/channel-sender.js';

export const GENERIC_APOLOGY: Outbound = {
  text: 'Xin lỗi, hệ thống đang gặp sự cố nên chưa xử lý được tin nhắn của bạn. Bạn vui lòng thử lại sau ít phút.',
};

export interface AnswerInboundDeps {
  /** The channel's name and what it calls one inbound item, for log lines ("telegram", "update"). */
  channel: string;
  eventNoun: string;
  handle: (env: InboundEnvelope) => Promise<InboundAnswer>;
  handleTimeoutMs: number;
  /** Sends one answer; throws whatever the client throws. */
  send: (recipient: ConversationRef, content: Outbound) => Promise<void>;
  /** The client's error as RetryAfter/Undeliverable/SendRejected or a transient error. */
  toChannelError: (err: unknown) => Error;
  deferReply?: (recipient: ConversationRef, content: Outbound, dedupeKey: string) => Promise<void>;
  logger: Logger;
}

/**
 * Answers a button press: `press` is the handler's PressAnswer, or undefined when it answered
 * with plain messages (the channel's default). Never throws: a lost answer is only logged.
 */
export type AnswerPress = (press: PressAnswer | undefined) => Promise<void>;

/**
 * `log` carries the event's non-personal identifiers (update id, hashed chat key) into every line;
 * `replyKey` prefixes the dedupe keys of deferred answers (one per event and answer); `answerPress`
 * is given for a button press.
 */
export async function answerInbound(
  deps: AnswerInboundDeps,
  env: InboundEnvelope,
  log: Record<string, unknown>,
  replyKey: string,
  answerPress?: AnswerPress,
): Promise<void> {
  const started = Date.now();
  let replies: Outbound[];
  let press: PressAnswer | undefined;
  let failed = false;
  try {
    const answer = await withTimeout(deps.handle(env), deps.handleTimeoutMs);
    replies = repliesOf(answer);
    press = pressOf(answer);
  } catch (err) {
    failed = true;
    deps.logger.error(
      { ...log, err: { name: (err as Error)?.name, code: isAppError(err) ? err.code : undefined } },
      `dialog failed on a ${deps.channel} ${deps.eventNoun}`,
    );
    const apology = isAppError(err) && !err.retryable ? { text: err.message } : GENERIC_APOLOGY;
    // A failed press in a group is the presser's business alone; the pressed message stays usable.
    const inGroup = env.conversation.userId !== undefined;
    replies = answerPress && inGroup ? [] : [apology];
    press = {
      message: 'keep',
      ...(answerPress && inGroup ? { notice: { text: apology.text, alert: true } } : {}),
    };
  }
  if (answerPress) await answerPress(press);
  await replyDirectly(deps, env.conversation, replies, log, replyKey);
  deps.logger.info(
    {
      ...log,
      inbound: env.event.type,
      ...(env.event.type === 'command' ? { command: env.event.command } : {}),
      replies: replies.length,
      ...(answerPress
        ? { press: press ? (press.message === 'keep' ? 'kept' : 'rewritten') : 'default' }
        : {}),
      failed,
      ms: Date.now() - started,
    },
    `${deps.channel} ${deps.eventNoun} handled`,
  );
}

async function replyDirectly(
  deps: AnswerInboundDeps,
  recipient: ConversationRef,
  replies: Outbound[],
  log: Record<string, unknown>,
  replyKey: string,
): Promise<void> {
  const { logger } = deps;
  for (let i = 0; i < replies.length; i++) {
    try {
      await deps.send(recipient, replies[i]!);
    } catch (err) {
      const e = deps.toChannelError(err);
      if (e instanceof UndeliverableError) {
        logger.info({ ...log, reason: e.reason }, `${deps.channel} recipient unreachable`);
        return;
      }
      if (e instanceof SendRejectedError) {
        logger.error({ ...log, reason: e.reason }, `${deps.channel} refused a reply`);
        continue;
      }
      // Flood limit or a transient failure: the notify queue honours retry_after and retries.
      if (!deps.deferReply) {
        logger.warn({ ...log, reason: e.message }, 'reply lost: no notify queue');
        return;
      }
      for (let j = i; j < replies.length; j++) {
        await deps
          .deferReply(recipient, replies[j]!, `${replyKey}:reply:${j}`)
          .catch((deferErr: unknown) =>
            logger.error(
              { ...log, err: { message: (deferErr as Error).message } },
              'reply lost: could not queue it',
            ),
          );
      }
      logger.info(
        { ...log, deferred: replies.length - i, reason: e.message },
        'replies handed to the notify queue',
      );
      return;
    }
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
