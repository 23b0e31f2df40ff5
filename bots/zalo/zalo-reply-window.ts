// Zalo's reply window, per person: an OA may send `quota` free replies within `windowMs` of the
// person's last message, each carrying that message's id; a new message opens a new window with a
// fresh count (decision 0027). Kept in Redis under the keyed hash of the user id, so the webhook
// process that answers and the notify worker that sends a notice later agree on what is left.
// Only Zalo's msg_id (not personal) and two numbers are stored.
import { platformUserKey } from '../shared/platform-user-key.js';
import type { Redis } from 'ioredis';

export interface ZaloReplyWindowOptions {
  windowMs: number;
  quota: number;
}

export interface ZaloReplyWindow {
  /** The person wrote: their message opens a new window (an older message never replaces a newer one). */
  noteInbound(userKey: string, msgId: string, atMs: number): Promise<void>;
  /**
   * Takes `count` replies from the open window; resolves with the message id they must carry, or
   * undefined when the window is closed or has fewer replies left (then nothing is taken).
   */
  take(userKey: string, count: number, nowMs: number): Promise<string | undefined>;
  /** What is left in the open window (tests, diagnostics). */
  remaining(userKey: string, nowMs: number): Promise<number>;
  readonly quota: number;
}

// KEYS[1] window; ARGV msgId, atMs, ttlMs. The same message handled again (a retry after a crash)
// keeps its count: Zalo counted what was sent the first time.
const NOTE = `
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or '0')
if tonumber(ARGV[2]) < at then return 0 end
if redis.call('HGET', KEYS[1], 'msg') == ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'msg', ARGV[1], 'at', ARGV[2], 'used', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

// KEYS[1] window; ARGV count, nowMs, windowMs, quota
const TAKE = `
local w = redis.call('HMGET', KEYS[1], 'msg', 'at', 'used')
if not w[1] then return false end
if tonumber(ARGV[2]) - tonumber(w[2]) >= tonumber(ARGV[3]) then return false end
local used = tonumber(w[3]) + tonumber(ARGV[1])
if used > tonumber(ARGV[4]) then return false end
redis.call('HSET', KEYS[1], 'used', used)
return w[1]`;

export function createZaloReplyWindow(
  redis: Redis,
  prefix: string,
  options: ZaloReplyWindowOptions,
): ZaloReplyWindow {
  const keyOf = (userKey: string) => `${prefix}:zalo:window:${userKey}`;
  return {
    quota: options.quota,
    async noteInbound(userKey, msgId, atMs) {
      await redis.eval(NOTE, 1, keyOf(userKey), msgId, atMs, options.windowMs);
    },
    async take(userKey, count, nowMs) {
      const id = await redis.eval(TAKE, 1, keyOf(userKey), count, nowMs, options.windowMs, options.quota);
      return typeof id === 'string' ? id : undefined;
    },
    async remaining(userKey, nowMs) {
      const [msg, at, used] = await redis.hmget(keyOf(userKey), 'msg', 'at', 'used');
      if (!msg || nowMs - Number(at) >= options.windowMs) return 0;
      return Math.max(0, options.quota - Number(used));
    },
  };
}

/** The keyed hash that names a Zalo user in Redis keys and log lines (never the clear id). */
export function zaloUserKey(oaSecretKey: string, userId: string): string {
  return platformUserKey(oaSecretKey, userId);
}
