// The recovery sweep's first look (decision 0088): a page of rows' jobs told apart by two fields of
// their hash, against jobs BullMQ itself left in each state, on the real Redis.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { requeueStuck } from '../../src/queue/requeue-stuck.js';
import { testRedisUrl } from '../helpers/test-redis.js';

const prefix = `requeue-stuck-${process.pid}-${Date.now()}`;
let connection: Redis;
let queue: Queue;

beforeAll(async () => {
  connection = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
  queue = new Queue('stuck', { connection, prefix });
});

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
});

it('looks one by one only at the jobs that finished and those that are missing', async () => {
  // Finished by a worker: one completed, two failed for good (one of them retried below).
  // Ids of their own: "completed" or "failed" would be the names of BullMQ's own keys.
  for (const [jobId, outcome] of [
    ['job-completed', 'complete'],
    ['job-failed', 'fail'],
    ['job-retried', 'fail'],
  ] as const)
    await queue.add('j', { outcome }, { jobId });
  let finished = 0;
  const done = new Promise<void>((resolve) => {
    const worker = new Worker(
      'stuck',
      async (job) => {
        if (job.data.outcome === 'fail') throw new Error('refused');
      },
      { connection: connection.duplicate(), prefix },
    );
    const count = () => {
      if (++finished === 3) void worker.close().then(resolve);
    };
    worker.on('completed', count);
    worker.on('failed', count);
  });
  await done;
  // A retry puts a failed job back in flight (BullMQ deletes its finishedOn).
  await (await queue.getJob('job-retried'))!.retry('failed');
  await queue.add('j', {}, { jobId: 'job-waiting' });
  await queue.add('j', {}, { jobId: 'job-delayed', delay: 60_000 });

  const looked: string[] = [];
  const added: string[] = [];
  const watched = new Proxy(queue, {
    get(target, key) {
      if (key === 'getJob')
        return (id: string) => {
          looked.push(id);
          return target.getJob(id);
        };
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const ids = ['completed', 'failed', 'retried', 'waiting', 'delayed', 'missing'].map((s) => `job-${s}`);
  const result = await requeueStuck<{ id: string }>({
    queue: watched,
    page: async (after) => (after ? [] : ids.map((id) => ({ id }))),
    jobId: ({ id }) => id,
    add: async ({ id }) => void added.push(id),
  });

  expect(looked.sort()).toEqual(['job-completed', 'job-failed', 'job-missing']);
  // missing → added; failed → retried; completed (the row still not done) → removed and added.
  expect(result).toEqual({ seen: 6, requeued: 3 });
  expect(added.sort()).toEqual(['job-completed', 'job-missing']);
  expect(await (await queue.getJob('job-failed'))!.getState()).toBe('waiting');
});
