// The Messenger adapter's inbound side: a signed webhook call in, the dialog's answers out. The
// same shape as Zalo's (bots/zalo/zalo-channel.ts):
//
//   POST /webhooks/messenger ─▶ X-Hub-Signature-256 over the raw body ─▶ zod ─▶ per person inbox
//        (Redis, bots/shared/chat-inbox.ts: seen before? else store sealed, ordered by timestamp)
//        └─ 200 only once every event of the call is stored (Redis down: 500, Meta retries)
//   inbox ─▶ the lease holder handles a person's events one at a time, oldest first ─▶ release
//        held notices (writing opens the 24-hour window again) ─▶ dialog ─▶ replies sent directly
//        (messaging_type RESPONSE); a rate limit or network failure hands the rest to notify.
//
// Nothing personal reaches a log line or a Redis key: people appear as a keyed hash of their PSID,
// events as a hash of the message id, and what people wrote waits sealed.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';
import type { SealedBox } from '../../src/core/sealed-box.js';
import type { ConversationRef, InboundEnvelope, Outbound } from '../../src/dialog/dialog-types.js';
import { SendRejectedError, type ChannelSender } from '../../src/notify/channel-sender.js';
import { answerInbound, type AnswerInboundDeps } from '../shared/answer-inbound.js';
import { createChatInbox } from '../shared/chat-inbox.js';
import type { MessengerClient } from './messenger-api.js';
import { toChannelError } from './messenger-errors.js';
import {
  parseMessengerWebhook,
  toInboundEnvelope,
  type ParsedMessengerEvent,
} from './messenger-event.mapper.js';
import { createMessengerSender, performMessengerCalls, renderForMessenger } from './messenger-sender.js';
import { verifyMessengerSignature } from './messenger-signature.js';
import { downloadChannelFile } from '../shared/download-channel-file.js';
import { createInFlight } from '../shared/in-flight.js';
import { platformUserKey } from '../shared/platform-user-key.js';

export interface MessengerChannelOptions {
  pageId: string;
  appSecret: string;
  verifyToken: string;
  client: MessengerClient;
  handle: (env: InboundEnvelope) => Promise<Outbound[]>;
  redis: Redis;
  /** Redis key prefix (QUEUE_PREFIX); the adapter's keys live under `<prefix>:msgr:`. */
  prefix: string;
  logger: Logger;
  sealedBox: SealedBox;
  clock?: Clock;
  releaseHeld?: (recipient: ConversationRef) => Promise<unknown>;
  deferReply?: (recipient: ConversationRef, content: Outbound, dedupeKey: string) => Promise<void>;
  download?: (url: string) => Promise<Buffer>;
  tuning?: {
    userLeaseMs?: number;
    sweepIntervalMs?: number;
    handleTimeoutMs?: number;
    maxDownloadBytes?: number;
  };
}

export type MessengerWebhookOutcome =
  { status: 403; reason: string } | { status: 200; accepted: number; duplicates: number; ignored: number };

export interface MessengerChannel {
  readonly sender: ChannelSender;
  /** The GET handshake: the challenge to echo back, or undefined (403) when the token is wrong. */
  verifySubscription(query: Record<string, unknown>): string | undefined;
  receiveWebhook(rawBody: string, signature: string | string[] | undefined): Promise<MessengerWebhookOutcome>;
  stop(): Promise<void>;
}

type HandledEvent = Exclude<ParsedMessengerEvent, { kind: 'ignored' }>;

interface StoredEvent {
  receivedAt: string;
  eventId: string;
  event: HandledEvent;
}

export function createMessengerChannel(options: MessengerChannelOptions): MessengerChannel {
  const { redis, client, sealedBox } = options;
  const logger = options.logger.child({ component: 'messenger' });
  const clock = options.clock ?? systemClock;
  const tuning = {
    userLeaseMs: 90_000,
    sweepIntervalMs: 5_000,
    handleTimeoutMs: 60_000,
    maxDownloadBytes: 25 * 1024 * 1024,
    ...options.tuning,
  };
  const sender = createMessengerSender(client);
  const download = options.download ?? ((url: string) => downloadChannelFile(url, tuning.maxDownloadBytes));
  const userKeyOf = (psid: string) => platformUserKey(options.appSecret, psid);
  const inbox = createChatInbox({
    redis,
    prefix: `${options.prefix}:msgr`,
    leaseMs: tuning.userLeaseMs,
    onDropped: (user, count) =>
      logger.error({ user, count }, 'gave up on messenger events that failed repeatedly'),
  });

  let stopping = false;
  const { track, settle } = createInFlight();

  function verifySubscription(query: Record<string, unknown>): string | undefined {
    const mode = query['hub.mode'];
    const token = query['hub.verify_token'];
    const challenge = query['hub.challenge'];
    if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return undefined;
    const a = createHash('sha256').update(token).digest();
    const b = createHash('sha256').update(options.verifyToken).digest();
    // Compared as digests: equal length, so the comparison takes the same time whatever was sent.
    if (!a.equals(b) || !/^[\x21-\x7e]{1,200}$/.test(challenge)) return undefined;
    return challenge;
  }

  async function receiveWebhook(
    rawBody: string,
    signature: string | string[] | undefined,
  ): Promise<MessengerWebhookOutcome> {
    const check = verifyMessengerSignature(signature, rawBody, options.appSecret);
    if (!check.ok) {
      logger.warn({ reason: check.reason }, 'messenger webhook refused');
      return { status: 403, reason: check.reason };
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { status: 200, accepted: 0, duplicates: 0, ignored: 1 };
    }
    let accepted = 0;
    let duplicates = 0;
    let ignored = 0;
    const users = new Set<string>();
    for (const event of parseMessengerWebhook(json)) {
      if (event.kind === 'ignored' || event.pageId !== options.pageId) {
        ignored++;
        continue;
      }
      const userKey = userKeyOf(event.userId);
      const digest = createHash('sha256').update(event.eventKey).digest('hex').slice(0, 32);
      const stored: StoredEvent = {
        receivedAt: clock.now().toISOString(),
        eventId: `messenger:${digest}`,
        event,
      };
      const sealed = sealedBox.seal(JSON.stringify(stored)).toString('base64');
      if (await inbox.add(userKey, { id: digest, score: event.timestampMs }, sealed)) {
        accepted++;
        users.add(userKey);
      } else duplicates++;
    }
    if (ignored) logger.info({ count: ignored }, 'messenger events ignored');
    if (!stopping) users.forEach((u) => void drain(u));
    return { status: 200, accepted, duplicates, ignored };
  }

  function drain(userKey: string): Promise<void> {
    return track(
      inbox
        .drain(userKey, async (_id, sealed) => {
          const { receivedAt, eventId, event } = sealedBox.openJson<StoredEvent>(
            Buffer.from(sealed, 'base64'),
          );
          await processEvent(event, eventId, userKey, new Date(receivedAt));
        })
        .catch((err: unknown) =>
          logger.warn(
            { user: userKey, err: { message: (err as Error)?.message } },
            'messenger user drain interrupted',
          ),
        ),
    );
  }

  const sweep = setInterval(() => {
    if (stopping) return;
    inbox.pendingChats().then(
      (users) => users.forEach((u) => void drain(u)),
      () => {},
    );
  }, tuning.sweepIntervalMs);
  sweep.unref();

  const answering: AnswerInboundDeps = {
    channel: 'messenger',
    eventNoun: 'event',
    handle: options.handle,
    handleTimeoutMs: tuning.handleTimeoutMs,
    send: async (recipient, content) => {
      // An answer to what the person just wrote: inside the window by definition.
      await performMessengerCalls(
        client,
        recipient.conversationId,
        renderForMessenger(recipient, content),
        'RESPONSE',
      );
    },
    toChannelError: (err) => (err instanceof SendRejectedError ? err : toChannelError(err)),
    ...(options.deferReply ? { deferReply: options.deferReply } : {}),
    logger,
  };

  async function processEvent(event: HandledEvent, eventId: string, userKey: string, receivedAt: Date) {
    const recipient: ConversationRef = { channel: 'messenger', conversationId: event.userId };
    // Writing to the Page opens the 24-hour window again: what was held for this person goes out.
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
    await answerInbound(answering, env, { user: userKey, event: eventId }, eventId);
  }

  return {
    sender,
    verifySubscription,
    receiveWebhook,
    async stop() {
      stopping = true;
      clearInterval(sweep);
      await settle(10_000);
    },
  };
}
