// Counts failed attempts per client in Redis (one counter per client and window, shared by every web
// process) so that guessing tracking codes or follow-up secrets stops after a few tries. The client
// address is hashed with a key before it becomes part of a key name: Redis holds no addresses.
import type { Redis } from 'ioredis';
import type { KeyedHash } from '../core/keyed-hash.js';

export interface FailureLimiter {
  /** Seconds until the client may try again, or 0 when it may try now. */
  blockedFor(client: string): Promise<number>;
  recordFailure(client: string): Promise<void>;
}

export function createFailureLimiter(
  redis: Redis,
  keyPrefix: string,
  options: { limit: number; windowSeconds: number },
  clientKey: KeyedHash,
): FailureLimiter {
  const keyOf = (client: string) => `${keyPrefix}:${clientKey(client)}`;
  return {
    async blockedFor(client) {
      const key = keyOf(client);
      const [count, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
      if (Number(count ?? 0) < options.limit) return 0;
      return ttl > 0 ? ttl : options.windowSeconds;
    },
    async recordFailure(client) {
      const key = keyOf(client);
      // The window starts with the first failure; later failures do not extend it.
      await redis.multi().set(key, 0, 'EX', options.windowSeconds, 'NX').incr(key).exec();
    },
  };
}
