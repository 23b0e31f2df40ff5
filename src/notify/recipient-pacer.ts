// Per-recipient pacing in Redis, shared by every worker process: messages to one chat are kept at
// least `paceMs` apart (Telegram: about 1 message per second per chat, 20 per minute per group).
// A job that comes too early gets a reserved slot and is delayed until then instead of polling,
// so a burst to one group is sent in order of arrival without a thundering herd. Time is Redis's
// own clock, so workers on machines with skewed clocks agree.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createConversationHash } from '../core/keyed-hash.js';
import type { ConversationRef } from '../dialog/dialog-types.js';

export interface RecipientPacer {
  /** 0: send now (the slot is taken). Otherwise: come back in that many ms; a slot is held for this notification. */
  reserve(recipientKey: string, notificationId: string, paceMs: number): Promise<number>;
  /** The channel asked to wait: no slot for this recipient before `ms` from now. */
  holdOff(recipientKey: string, ms: number): Promise<void>;
  /** Guards one notification against two concurrent sends; false when another worker holds it. */
  claim(notificationId: string, ttlMs: number): Promise<boolean>;
  release(notificationId: string): Promise<void>;
}

/**
 * Keys and logs never carry a conversation id: a keyed hash of it, per channel (decision 0023;
 * `hash` is `createConversationHash(sealedBox)`).
 */
export function recipientKey(
  hash: ReturnType<typeof createConversationHash>,
  recipient: Pick<ConversationRef, 'channel' | 'conversationId'>,
): string {
  return `${recipient.channel}:h:${hash({ channel: recipient.channel, conversationId: recipient.conversationId })}`;
}

/** The plain SHA-256 used before decision 0023, which a list of Telegram chat ids reverses. */
export function legacyRecipientKey(recipient: Pick<ConversationRef, 'channel' | 'conversationId'>): string {
  const digest = createHash('sha256')
    .update(`${recipient.channel}:${recipient.conversationId}`)
    .digest('hex');
  return `${recipient.channel}:${digest.slice(0, 24)}`;
}

const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// KEYS[1] next free time of the recipient, KEYS[2] slot held by this notification; ARGV[1] pace ms.
const RESERVE = `${NOW_MS}
local pace = tonumber(ARGV[1])
local held = redis.call('GET', KEYS[2])
if held then
  local slot = tonumber(held)
  if slot <= now + 20 then
    redis.call('DEL', KEYS[2])
    return 0
  end
  return slot - now
end
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextFree <= now then
  redis.call('SET', KEYS[1], now + pace, 'PX', pace + 1000)
  return 0
end
redis.call('SET', KEYS[1], nextFree + pace, 'PX', nextFree + pace - now + 1000)
redis.call('SET', KEYS[2], nextFree, 'PX', nextFree - now + 600000)
return nextFree - now`;

// KEYS[1] next free time of the recipient; ARGV[1] ms to hold off.
const HOLD_OFF = `${NOW_MS}
local untilMs = now + tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if cur < untilMs then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000) end
return 0`;

export function createRecipientPacer(redis: Redis, prefix: string): RecipientPacer {
  const paceKey = (k: string) => `${prefix}:notify:pace:${k}`;
  const slotKey = (id: string) => `${prefix}:notify:slot:${id}`;
  const claimKey = (id: string) => `${prefix}:notify:sending:${id}`;
  return {
    async reserve(key, notificationId, paceMs) {
      const wait = await redis.eval(RESERVE, 2, paceKey(key), slotKey(notificationId), Math.max(0, paceMs));
      return Number(wait);
    },
    async holdOff(key, ms) {
      await redis.eval(HOLD_OFF, 1, paceKey(key), Math.max(0, Math.ceil(ms)));
    },
    async claim(notificationId, ttlMs) {
      return (await redis.set(claimKey(notificationId), '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
    async release(notificationId) {
      await redis.del(claimKey(notificationId));
    },
  };
}
