// A bench's or a test's queues live under a prefix of their own in a Redis that tests and other runs
// share: each drops its prefix when it ends, so runs do not pile up keys there.
import { Redis } from 'ioredis';

export async function dropRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let dropped = 0;
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length) dropped += await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return dropped;
}
