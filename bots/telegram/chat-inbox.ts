// Per-chat ordering and de-duplication of Telegram updates across any number of processes.
//
// Every update is first stored in Redis under its chat (a sorted set scored by update_id, the
// sealed update in a hash), unless its update_id was seen in the last 24 h (SET NX with expiry,
// in the same Lua script, so a repeat is never stored twice). Then the receiving process tries to
// take the chat's lease; the holder handles the chat's stored updates one by one, lowest
// update_id first, and the others return at once — their update is already in the holder's
// queue. The holder looks again after releasing, so an update stored while it was finishing is
// never stranded; a sweep picks up chats whose holder died. An update is removed only after it
// was handled (at-least-once), and dropped after `maxTries` attempts so one poisonous update
// cannot block its chat.
import type { Redis } from 'ioredis';
import { createRedisLease } from './redis-lock.js';

const ADD = `if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then return 0 end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[1])
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
  /** How long an update_id is remembered. Telegram keeps undelivered updates for 24 h. */
  seenTtlSeconds?: number;
  maxTries?: number;
  onDropped?: (chatKey: string, count: number) => void;
}

export interface ChatInbox {
  /** Stores the update; false when its update_id was seen before (nothing stored). */
  add(chatKey: string, updateId: number, sealed: string): Promise<boolean>;
  /**
   * Handles the chat's stored updates in order while this process holds the chat; returns at
   * once when another process holds it. `handle` throwing leaves the update for a later try.
   */
  drain(chatKey: string, handle: (updateId: number, sealed: string) => Promise<void>): Promise<void>;
  /** Chats with stored updates (for the sweep). */
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
    async add(chatKey, updateId, sealed) {
      const k = keys(chatKey);
      const added = await redis.eval(
        ADD,
        4,
        `${prefix}:seen:${updateId}`,
        k.queue,
        k.data,
        chatsKey,
        String(updateId),
        sealed,
        seenTtl,
        chatKey,
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
            await handle(Number(id), data);
            await redis.eval(DONE, 3, k.queue, k.data, k.tries, id);
          }
          await redis.eval(FORGET_IF_EMPTY, 2, k.queue, chatsKey, chatKey);
        } finally {
          clearInterval(heartbeat);
          await lease.release().catch(() => {});
        }
        // An update stored while we were finishing found the lease taken: look once more.
        if (lost || (await redis.zcard(k.queue)) === 0) return;
      }
    },

    async pendingChats() {
      return redis.smembers(chatsKey);
    },
  };
}
