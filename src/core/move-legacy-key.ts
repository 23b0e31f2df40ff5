// Redis keys renamed by a deploy (decision 0023): what was written under the old name is moved to
// the new one the first time it is looked for, so nothing in flight is lost. RENAME keeps the TTL.
import type { Redis } from 'ioredis';

// KEYS: old, new. Moves only when the new key is free: a newer value is never overwritten.
const MOVE = `if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
return 1`;

/** Moves `legacyKey` to `key` when only the former exists; true when something was moved. */
export async function moveLegacyKey(redis: Redis, legacyKey: string, key: string): Promise<boolean> {
  if (legacyKey === key) return false;
  return Number(await redis.eval(MOVE, 2, legacyKey, key)) === 1;
}
