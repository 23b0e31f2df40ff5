// One web chat event at a time per session, each handled once, its answer given again on a retry.
//
// The page waits for each answer, but a network error can lose the answer of an event the server
// handled, and two tabs share a session. So, per session: take a lease (Redis), look for the
// stored answer of this client event id, else run the dialog and store its answer (sealed, 24 h)
// before giving it. The dialog ignores a repeated event id itself; the stored answer is what lets
// the retry still show something. An answer is only given after the dialog saved the draft or the
// submission, so what the page shows is never ahead of what is kept.
//
// Each event also goes into the session's transcript (web-chat-transcript.ts), which the page gets
// back with the answer to its `start` (a reload), unless the draft sat idle past the limit: then
// nothing reaches the dialog but the lock's own two presses (web-chat-lock.ts, decision 0028).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../../src/core/app-error.js';
import type { Clock } from '../../src/core/clock.js';
import type { SealedBox } from '../../src/core/sealed-box.js';
import { localeFromHint } from '../../src/dialog/dialog-locale.js';
import type { Inbound, InboundEnvelope, Outbound } from '../../src/dialog/dialog-types.js';
import { createRedisLease } from '../shared/redis-lock.js';
import { lockPrompt, RESTART_VALUE, UNLOCK_VALUE } from './web-chat-lock.js';
import { toMessageView, type WebChatMessageView } from './web-chat-mailbox.js';
import { createWebChatTranscript, endsDraft, type TranscriptEntry } from './web-chat-transcript.js';

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
  /** A draft untouched this long is locked behind a "continue?" question (WEB_CHAT_IDLE_LOCK_MINUTES). */
  idleLockMs: number;
}

export interface WebChatEvent {
  sessionKey: string;
  /** The keyed hash of the client address, for the cap on new cases (never the address). */
  source?: string;
  clientEventId: string;
  languageHint?: string;
  event: Inbound;
}

export interface WebChatAnswer {
  messages: WebChatMessageView[];
  repeated: boolean;
  /** With the answer to `start` and to the unlock: what the unfinished draft's conversation said. */
  transcript?: TranscriptEntry[];
}

export interface WebChatInbox {
  handle(input: WebChatEvent): Promise<WebChatAnswer>;
}

const isStart = (event: Inbound) => event.type === 'command' && event.command === 'start';
const isChoice = (event: Inbound, value: string) => event.type === 'choice' && event.value === value;

export function createWebChatInbox(options: WebChatInboxOptions): WebChatInbox {
  const { redis, prefix, sealedBox, clock, idleLockMs } = options;
  const transcript = createWebChatTranscript(redis, prefix, sealedBox);
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
        const unlock = isChoice(event, UNLOCK_VALUE);
        const showTranscript = isStart(event) || unlock;
        const stored = await redis.getBuffer(key);
        if (stored) {
          const messages = sealedBox.openJson<WebChatMessageView[]>(stored);
          const again = showTranscript && !(await transcript.isLocked(sessionKey));
          return {
            messages,
            repeated: true,
            ...(again ? { transcript: await transcript.read(sessionKey) } : {}),
          };
        }
        const now = clock.now();
        const idleFor = now.getTime() - ((await transcript.lastActive(sessionKey)) ?? now.getTime());
        let locked = await transcript.isLocked(sessionKey);
        if (!locked && idleFor > idleLockMs && (await transcript.hasContent(sessionKey))) {
          locked = true;
          await transcript.setLocked(sessionKey, true);
        }
        if (locked && !unlock && !isChoice(event, RESTART_VALUE)) {
          // Nothing reaches the dialog, whose answer could repeat the draft (its summary, the phone).
          const messages = [lockPrompt(localeFromHint(languageHint), idleFor)];
          await redis.set(key, sealedBox.sealJson(messages), 'EX', answerTtl);
          return { messages, repeated: false };
        }
        if (locked) await transcript.setLocked(sessionKey, false);
        const earlier = showTranscript ? await transcript.read(sessionKey) : undefined;
        const replies = await options.handle({
          conversation: {
            channel: 'web',
            conversationId: sessionKey,
            ...(languageHint ? { languageHint } : {}),
          },
          // "It is mine": the dialog's own "continue" asks the draft's current question again.
          event: unlock ? { type: 'choice', value: 'resume' } : event,
          ...(source ? { source } : {}),
          eventId: `web:${sessionKey}:${clientEventId}`,
          receivedAt: now,
        });
        const messages = replies.map((r) => toMessageView(r));
        await redis.set(key, sealedBox.sealJson(messages), 'EX', answerTtl);
        // A receipt ends the draft: the page keeps the receipt itself on the device.
        if (messages.some((m) => m.receipt) || endsDraft(event)) await transcript.clear(sessionKey);
        // A reload's greeting and question are asked again at each reload: not kept.
        else if (!showTranscript) await transcript.append(sessionKey, event, messages);
        else await transcript.rememberButtons(sessionKey, messages);
        await transcript.touch(sessionKey, now);
        return { messages, repeated: false, ...(earlier ? { transcript: earlier } : {}) };
      } finally {
        await lease.release().catch(() => {});
      }
    },
  };
}
