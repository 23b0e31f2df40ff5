// Job failures per queue, counted in Redis: workers and the web process that serves /metrics may be
// different processes (npm run start:worker / start:web), so a per-process counter would never be
// seen by the scraper. One HINCRBY per failed attempt; read with one HGETALL at scrape time.
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type QueueName } from '../queue/job-registry.js';

export interface JobFailureCounts {
  /** Counts one failed attempt (a retried job counts once per attempt that threw). */
  record(queue: QueueName): Promise<void>;
  /** Every queue, 0 for one that never failed. */
  read(): Promise<Record<QueueName, number>>;
}

export function createJobFailureCounts(redis: Redis, prefix: string): JobFailureCounts {
  const key = `${prefix}:metrics:job-failures`;
  return {
    async record(queue) {
      await redis.hincrby(key, queue, 1);
    },
    async read() {
      const stored = await redis.hgetall(key);
      return Object.fromEntries(QUEUE_NAMES.map((q) => [q, Number(stored[q] ?? 0)])) as Record<
        QueueName,
        number
      >;
    },
  };
}
