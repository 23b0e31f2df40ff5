// One web chat event at a time per session, each handled once, its answer given again on a retry.
//
// The page waits for each answer, but a network error can lose the answer of an event the server
// handled, and two tabs share a session. So, per session: take a lease (Redis), look for the
// stored answer of this client event id, else run the dialog and store its answer (sealed, 24 h)
// before giving it. The dialog ignores a repeated event id itself; the stored answer is what lets
// the retry still show something. An answer is only given after the dialog saved the draft or the
// submission, so what the page shows is never ahead of what is kept.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../../src/core/app-error.js';
import type { Clock } from '../../src/core/clock.js';
import type { SealedBox } from '../../src/core/sealed-box.js';
import type { Inbound, InboundEnvelope, Outbound } from '../../src/dialog/dialog-types.js';
import { createRedisLease } from '../shared/redis-lock.js';
import { toMessageView, type WebChatMessageView } from './web-chat-mailbox.js';

export type DialogHandle = (env: InboundEnvelope) => Promise<Outbound[]>;

export interface WebChatInboxOptions {
  redis: Redis;
  prefix: string;
  sealedBox: SealedBox;
  clock: Clock;
  handle: DialogHandle;
  answerTtlSeconds?: number;
  leaseMs?: number;
  /** How long a request waits for the session's previous event. */
  waitMs?: number;
}

export interface WebChatEvent {
  sessionKey: string;
  /** The keyed hash of the client address, for the cap on new cases (never the address). */
  source?: string;
  clientEventId: string;
  languageHint?: string;
  event: Inbound;
}

export interface WebChatInbox {
  handle(input: WebChatEvent): Promise<{ messages: WebChatMessageView[]; repeated: boolean }>;
}

export function createWebChatInbox(options: WebChatInboxOptions): WebChatInbox {
  const { redis, prefix, sealedBox, clock } = options;
  const answerTtl = options.answerTtlSeconds ?? 24 * 3600;
  const leaseMs = options.leaseMs ?? 90_000;
  const waitMs = options.waitMs ?? 30_000;
  const answerKey = (sessionKey: string, clientEventId: string) =>
    `${prefix}:web:answer:${sessionKey}:${createHash('sha256').update(clientEventId).digest('hex').slice(0, 24)}`;

  async function acquire(sessionKey: string) {
    const lease = createRedisLease(redis, `${prefix}:web:lock:${sessionKey}`, leaseMs);
    const until = Date.now() + waitMs;
    while (!(await lease.tryAcquire())) {
      if (Date.now() > until) {
        throw new AppError('unavailable', 'Tin nhắn trước của bạn vẫn đang được xử lý. Vui lòng thử lại.');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return lease;
  }

  return {
    async handle({ sessionKey, source, clientEventId, languageHint, event }) {
      const key = answerKey(sessionKey, clientEventId);
      const lease = await acquire(sessionKey);
      try {
        const stored = await redis.getBuffer(key);
        if (stored) return { messages: sealedBox.openJson<WebChatMessageView[]>(stored), repeated: true };
        const replies = await options.handle({
          conversation: {
            channel: 'web',
            conversationId: sessionKey,
            ...(languageHint ? { languageHint } : {}),
          },
          event,
          ...(source ? { source } : {}),
          eventId: `web:${sessionKey}:${clientEventId}`,
          receivedAt: clock.now(),
        });
        const messages = replies.map((r) => toMessageView(r));
        await redis.set(key, sealedBox.sealJson(messages), 'EX', answerTtl);
        return { messages, repeated: false };
      } finally {
        await lease.release().catch(() => {});
      }
    },
  };
}
