// A lease in Redis: taken with SET NX PX and a random token, renewed and released only by its
// holder (compare-and-set in Lua), so a process that stalled past the expiry cannot free a lease
// someone else holds now.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface RedisLease {
  tryAcquire(): Promise<boolean>;
  /** False when the lease was lost (expired and taken, or never held). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export function createRedisLease(redis: Redis, key: string, ttlMs: number): RedisLease {
  let token = '';
  return {
    async tryAcquire() {
      const candidate = randomBytes(12).toString('hex');
      const ok = (await redis.set(key, candidate, 'PX', ttlMs, 'NX')) === 'OK';
      if (ok) token = candidate;
      return ok;
    },
    async renew() {
      if (!token) return false;
      return Number(await redis.eval(RENEW, 1, key, token, ttlMs)) === 1;
    },
    async release() {
      if (!token) return;
      const held = token;
      token = '';
      await redis.eval(RELEASE, 1, key, held);
    },
  };
}
