// The Zalo adapter's inbound side: a signed webhook call in, the dialog's answers out.
//
//   POST /webhooks/zalo ─▶ signature (raw body) ─▶ zod ─▶ user inbox (Redis, one Lua script:
//        seen before? SET NX 24 h, else store the event sealed, ordered by its timestamp)
//        └─ 200 only once stored (a repeat: 200, not stored again; Redis down: 500, Zalo retries)
//   inbox ─▶ the process holding the user's lease handles their events one at a time, oldest
//        first, each removed only after it was handled (a sweep picks up users whose holder died)
//        ─▶ open the person's reply window ─▶ release held notifications ─▶ InboundEnvelope ─▶
//           dialog ─▶ answers combined ─▶ replies sent directly, each carrying the message_id it
//           answers; a rate limit, a network failure or a spent window hands the rest to the
//           notify queue (decision 0027).
//
// Zalo wants a fast answer, so the event is handled after the 200 — but never acknowledged before
// it is stored: a process dying after the 200 leaves the event for the next sweep. Nothing
// personal reaches a log line or a Redis key: users appear as a keyed hash of their id, event ids
// as a hash of the msg_id, and what people wrote waits sealed.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';
import type { SealedBox } from '../../src/core/sealed-box.js';
import {
  repliesOf,
  type ConversationRef,
  type InboundEnvelope,
  type Outbound,
} from '../../src/dialog/dialog-types.js';
import { SendRejectedError, type ChannelSender } from '../../src/notify/channel-sender.js';
import { answerInbound, type AnswerInboundDeps } from '../shared/answer-inbound.js';
import { createChatInbox } from '../shared/chat-inbox.js';
import type { ZaloOaClient } from './zalo-api.js';
import { toChannelError } from './zalo-errors.js';
import { parseZaloEvent, toInboundEnvelope, type ParsedZaloEvent } from './zalo-event.mapper.js';
import { combineOutbounds } from './zalo-message.renderer.js';
import { zaloUserKey, type ZaloReplyWindow } from './zalo-reply-window.js';
import { createZaloSender, performZaloCalls, renderForZalo, type ZaloSenderOptions } from './zalo-sender.js';
import { verifyZaloSignature } from './zalo-signature.js';
import { downloadChannelFile } from '../shared/download-channel-file.js';
import { createInFlight } from '../shared/in-flight.js';

export type DialogHandle = (env: InboundEnvelope) => Promise<Outbound[]>;

export interface ZaloChannelOptions {
  appId: string;
  oaSecretKey: string;
  client: ZaloOaClient;
  handle: DialogHandle;
  redis: Redis;
  /** Redis key prefix (QUEUE_PREFIX); the adapter's keys live under `<prefix>:zalo:`. */
  prefix: string;
  logger: Logger;
  /** Seals events while they wait in Redis: they hold what people wrote. */
  sealedBox: SealedBox;
  clock?: Clock;
  /** Called for every person who writes: messages held for them (window closed) go out again. */
  releaseHeld?: (recipient: ConversationRef) => Promise<unknown>;
  /** Zalo's free replies per person (decision 0027); without it replies go by user_id alone. */
  replyWindow?: ZaloReplyWindow;
  /** The notice policy and quota tracking of the notify path's sender. */
  senderOptions?: Pick<ZaloSenderOptions, 'noticeRoute' | 'onQuota' | 'paceMs'>;
  /** Where a reply goes when it cannot be sent at once (rate limit, network): the notify queue. */
  deferReply?: (recipient: ConversationRef, content: Outbound, dedupeKey: string) => Promise<void>;
  /** Downloads a file the user sent (Zalo gives a URL). */
  download?: (url: string) => Promise<Buffer>;
  tuning?: {
    seenTtlSeconds?: number;
    userLeaseMs?: number;
    /** How often users whose events wait with no holder (it died) are looked for. */
    sweepIntervalMs?: number;
    handleTimeoutMs?: number;
    maxDownloadBytes?: number;
  };
}

export type WebhookOutcome =
  { status: 401; reason: string } | { status: 200; outcome: 'accepted' | 'duplicate' | 'ignored' };

export interface ZaloChannel {
  readonly sender: ChannelSender;
  /**
   * One webhook call, as received (the raw body and the X-ZEvent-Signature header). Resolves 200
   * once the event is stored (or known as a repeat, or ignored); throws when it could not be stored.
   */
  receiveWebhook(rawBody: string, signature: string | string[] | undefined): Promise<WebhookOutcome>;
  /** Stops the sweep and lets the events being handled finish. */
  stop(): Promise<void>;
}

type HandledEvent = Exclude<ParsedZaloEvent, { kind: 'ignored' | 'unfollow' }>;

interface StoredEvent {
  receivedAt: string;
  eventId: string;
  event: HandledEvent;
}

export function createZaloChannel(options: ZaloChannelOptions): ZaloChannel {
  const { redis, client, sealedBox } = options;
  const logger = options.logger.child({ component: 'zalo' });
  const clock = options.clock ?? systemClock;
  const tuning = {
    seenTtlSeconds: 24 * 3600,
    userLeaseMs: 90_000,
    sweepIntervalMs: 5_000,
    handleTimeoutMs: 60_000,
    maxDownloadBytes: 25 * 1024 * 1024,
    ...options.tuning,
  };
  const keyPrefix = `${options.prefix}:zalo`;
  const userKeyOf = (userId: string) => zaloUserKey(options.oaSecretKey, userId);
  const window = options.replyWindow;
  const sender = createZaloSender(client, {
    ...options.senderOptions,
    ...(window ? { window, userKeyOf } : {}),
    clock,
  });
  const download = options.download ?? ((url: string) => downloadChannelFile(url, tuning.maxDownloadBytes));

  const inbox = createChatInbox({
    redis,
    prefix: keyPrefix,
    leaseMs: tuning.userLeaseMs,
    seenTtlSeconds: tuning.seenTtlSeconds,
    onDropped: (user, count) =>
      logger.error({ user, count }, 'gave up on zalo events that failed repeatedly'),
  });

  let stopping = false;
  const { track, settle } = createInFlight();

  async function receiveWebhook(
    rawBody: string,
    signature: string | string[] | undefined,
  ): Promise<WebhookOutcome> {
    const check = verifyZaloSignature(signature, rawBody, {
      appId: options.appId,
      oaSecretKey: options.oaSecretKey,
      nowMs: clock.now().getTime(),
    });
    if (!check.ok) {
      logger.warn({ reason: check.reason }, 'zalo webhook refused');
      return { status: 401, reason: check.reason };
    }
    const event = parseZaloEvent(JSON.parse(rawBody));
    if (event.kind === 'ignored') {
      logger.info({ event: event.eventName, reason: event.reason }, 'zalo event ignored');
      return { status: 200, outcome: 'ignored' };
    }
    const userKey = userKeyOf(event.userId);
    if (event.kind === 'unfollow') {
      logger.info({ user: userKey }, 'zalo user unfollowed the OA');
      return { status: 200, outcome: 'ignored' };
    }
    // msg_id when the event has one; follow events have none, their signature is unique enough.
    const eventKey = 'msgId' in event ? `m:${event.msgId}` : `s:${check.mac}`;
    const id = createHash('sha256').update(eventKey).digest('hex').slice(0, 32);
    const stored: StoredEvent = {
      receivedAt: clock.now().toISOString(),
      eventId: `zalo:${'msgId' in event ? event.msgId : check.mac.slice(0, 32)}`,
      event,
    };
    const sealed = sealedBox.seal(JSON.stringify(stored)).toString('base64');
    // De-dup and store in one step: the 200 below means the event is in Redis.
    if (!(await inbox.add(userKey, { id, score: event.timestampMs }, sealed))) {
      logger.info({ user: userKey }, 'repeated zalo event ignored');
      return { status: 200, outcome: 'duplicate' };
    }
    // Shutting down: the event waits for the sweep of a process that stays (or of the next start).
    if (!stopping) void drain(userKey);
    return { status: 200, outcome: 'accepted' };
  }

  function drain(userKey: string): Promise<void> {
    return track(
      inbox
        .drain(userKey, (id, sealed) => processStored(userKey, id, sealed))
        .catch((err: unknown) =>
          logger.warn(
            { user: userKey, err: { name: (err as Error)?.name, message: (err as Error)?.message } },
            'zalo user drain interrupted',
          ),
        ),
    );
  }

  async function processStored(userKey: string, _id: string, sealed: string): Promise<void> {
    const { receivedAt, eventId, event } = sealedBox.openJson<StoredEvent>(Buffer.from(sealed, 'base64'));
    await processEvent(event, eventId, userKey, new Date(receivedAt));
  }

  // Users whose holder died (after the 200, before handling) are picked up by whoever sweeps next.
  const sweep = setInterval(() => {
    if (stopping) return;
    inbox.pendingChats().then(
      (users) => users.forEach((userKey) => void drain(userKey)),
      () => {},
    );
  }, tuning.sweepIntervalMs);
  sweep.unref();

  const answering: AnswerInboundDeps = {
    channel: 'zalo',
    eventNoun: 'event',
    // Every OA message counts against the reply quota: answers that go out together go as one.
    handle: async (env) => combineOutbounds(repliesOf(await options.handle(env))),
    handleTimeoutMs: tuning.handleTimeoutMs,
    send: async (recipient, content) => {
      const userId = recipient.conversationId;
      const calls = renderForZalo(recipient, content);
      if (!window) {
        await performZaloCalls(client, { userId }, calls, options.senderOptions?.onQuota);
        return;
      }
      // The window holds the message being answered (noted before the dialog ran).
      const messageId = await window.take(userKeyOf(userId), calls.length, clock.now().getTime());
      // No reply left for this message: the notify path applies the notice policy.
      if (!messageId) throw new Error('zalo reply window spent');
      await performZaloCalls(client, { userId, messageId }, calls, options.senderOptions?.onQuota);
    },
    toChannelError: (err) => (err instanceof SendRejectedError ? err : toChannelError(err)),
    ...(options.deferReply ? { deferReply: options.deferReply } : {}),
    logger,
  };

  async function processEvent(
    event: HandledEvent,
    eventId: string,
    userKey: string,
    receivedAt: Date,
  ): Promise<void> {
    const recipient: ConversationRef = { channel: 'zalo', conversationId: event.userId };
    // The person's message opens Zalo's reply window: our answers and held notices reply to it.
    if (window && 'msgId' in event) await window.noteInbound(userKey, event.msgId, receivedAt.getTime());
    if (window && event.kind === 'follow' && (await window.remaining(userKey, clock.now().getTime())) === 0) {
      // A follow has no message to reply to, so an answer would be a paid proactive message; the
      // OA's own welcome message (set in the OA manager) greets, the dialog starts at their first
      // message. The line below is the same `handled` line other events end with.
      logger.info({ user: userKey, event: eventId, inbound: 'follow', replies: 0 }, 'zalo event handled');
      return;
    }
    // Writing to the OA reopens the window: what was held for this person goes out.
    if (options.releaseHeld) {
      await options
        .releaseHeld(recipient)
        .catch((err: unknown) =>
          logger.warn(
            { user: userKey, err: { message: (err as Error).message } },
            'could not release held notifications',
          ),
        );
    }
    const env = toInboundEnvelope(event, { download, receivedAt, eventId });
    if (!env) return;
    // The event id (Zalo's msg_id, no personal data) marks its `zalo event handled` line, the
    // end-to-end tests' signal that the event is fully answered.
    await answerInbound(answering, env, { user: userKey, event: eventId }, eventId);
  }

  return {
    sender,
    receiveWebhook,
    async stop() {
      stopping = true;
      clearInterval(sweep);
      await settle(10_000);
    },
  };
}
