// Per-chat ordering and de-duplication of inbound channel events across any number of processes,
// shared by the channel adapters (Telegram updates, Zalo webhook events).
//
// Every event is first stored in Redis under its chat (a sorted set scored by the event's order —
// Telegram's update_id, Zalo's millisecond timestamp — with the event's id as member, the sealed
// event in a hash), unless its id was seen in the last 24 h (SET NX with expiry, in the same Lua
// script, so a repeat is never stored twice). Only then may the adapter acknowledge it. Then the
// receiving process tries to take the chat's lease; the holder handles the chat's stored events
// one by one, lowest order first, and the others return at once — their event is already in the
// holder's queue. The holder looks again after releasing, so an event stored while it was
// finishing is never stranded; a sweep picks up chats whose holder died. An event is removed only
// after it was handled (at-least-once), and dropped after `maxTries` attempts so one poisonous
// event cannot block its chat.
import type { Redis } from 'ioredis';
import { createRedisLease } from './redis-lock.js';

// KEYS: seen, queue, data, chats; ARGV: id, sealed, seenTtl, chat key, score.
const ADD = `if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then return 0 end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[4])
return 1`;

// KEYS: queue, data, tries; ARGV: maxTries. Returns {id, data, dropped} or {'', '', dropped}.
const PEEK = `local dropped = 0
while true do
  local first = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #first == 0 then return {'', '', dropped} end
  local id = first[1]
  local tries = redis.call('HINCRBY', KEYS[3], id, 1)
  local data = redis.call('HGET', KEYS[2], id)
  if data and tries <= tonumber(ARGV[1]) then return {id, data, dropped} end
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  dropped = dropped + 1
end`;

const DONE = `redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1`;

// KEYS: queue, chats; ARGV: chat key.
const FORGET_IF_EMPTY = `if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) return 1 end return 0`;

export interface ChatInboxOptions {
  redis: Redis;
  /** Key prefix, e.g. `langnghe:tg`. */
  prefix: string;
  /** How long a holder keeps a chat without renewing; it renews every third of it while working. */
  leaseMs?: number;
  /** How long an event id is remembered. Telegram keeps undelivered updates for 24 h. */
  seenTtlSeconds?: number;
  maxTries?: number;
  onDropped?: (chatKey: string, count: number) => void;
}

/** An event's identity in its chat: `id` de-duplicates (and is the stored member), `score` orders. */
export interface InboxEntry {
  /** Unique per event (Telegram: the update_id; Zalo: a hash of the msg_id). No personal data. */
  id: string;
  /** Handling order within the chat, lowest first (Telegram: update_id; Zalo: timestamp in ms). */
  score: number;
}

export interface ChatInbox {
  /** Stores the event; false when its id was seen before (nothing stored). */
  add(chatKey: string, entry: InboxEntry, sealed: string): Promise<boolean>;
  /**
   * Handles the chat's stored events in order while this process holds the chat; returns at
   * once when another process holds it. `handle` throwing leaves the event for a later try.
   */
  drain(chatKey: string, handle: (id: string, sealed: string) => Promise<void>): Promise<void>;
  /** Chats with stored events (for the sweep). */
  pendingChats(): Promise<string[]>;
}

export function createChatInbox(options: ChatInboxOptions): ChatInbox {
  const { redis, prefix } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const seenTtl = options.seenTtlSeconds ?? 24 * 3600;
  const maxTries = options.maxTries ?? 3;
  const chatsKey = `${prefix}:chats`;
  const keys = (chatKey: string) => {
    const base = `${prefix}:chat:${chatKey}`;
    return { queue: `${base}:q`, data: `${base}:d`, tries: `${base}:n`, lease: `${base}:lock` };
  };

  return {
    async add(chatKey, entry, sealed) {
      if (!Number.isFinite(entry.score)) throw new Error('inbox entry score must be a finite number');
      const k = keys(chatKey);
      const added = await redis.eval(
        ADD,
        4,
        `${prefix}:seen:${entry.id}`,
        k.queue,
        k.data,
        chatsKey,
        entry.id,
        sealed,
        seenTtl,
        chatKey,
        String(entry.score),
      );
      return Number(added) === 1;
    },

    async drain(chatKey, handle) {
      const k = keys(chatKey);
      for (;;) {
        const lease = createRedisLease(redis, k.lease, leaseMs);
        if (!(await lease.tryAcquire())) return;
        let lost = false;
        const heartbeat = setInterval(
          () => {
            lease.renew().then(
              (ok) => (lost ||= !ok),
              () => (lost = true),
            );
          },
          Math.max(100, Math.floor(leaseMs / 3)),
        );
        try {
          while (!lost) {
            const [id, data, dropped] = (await redis.eval(PEEK, 3, k.queue, k.data, k.tries, maxTries)) as [
              string,
              string,
              number,
            ];
            if (Number(dropped) > 0) options.onDropped?.(chatKey, Number(dropped));
            if (!id) break;
            await handle(id, data);
            await redis.eval(DONE, 3, k.queue, k.data, k.tries, id);
          }
          await redis.eval(FORGET_IF_EMPTY, 2, k.queue, chatsKey, chatKey);
        } finally {
          clearInterval(heartbeat);
          await lease.release().catch(() => {});
        }
        // An event stored while we were finishing found the lease taken: look once more.
        if (lost || (await redis.zcard(k.queue)) === 0) return;
      }
    },

    async pendingChats() {
      return redis.smembers(chatsKey);
    },
  };
}
