// Counts failed attempts per client in Redis (one counter per client and window, shared by every web
// process) so that guessing tracking codes or follow-up secrets stops after a few tries. The client
// address is hashed before it becomes part of a key: Redis holds no addresses.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface FailureLimiter {
  /** Seconds until the client may try again, or 0 when it may try now. */
  blockedFor(client: string): Promise<number>;
  recordFailure(client: string): Promise<void>;
}

export function createFailureLimiter(
  redis: Redis,
  keyPrefix: string,
  options: { limit: number; windowSeconds: number },
): FailureLimiter {
  const keyOf = (client: string) =>
    `${keyPrefix}:${createHash('sha256').update(client).digest('base64url').slice(0, 22)}`;
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
