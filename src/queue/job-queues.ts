// Adds jobs through the registry: the payload is validated before it reaches Redis and the job id
// is the deterministic one the registry defines.
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  JOB_DEFINITIONS,
  QUEUE_NAMES,
  type JobName,
  type JobPayload,
  type QueueName,
} from './job-registry.js';

export interface JobQueues {
  add<N extends JobName>(name: N, payload: JobPayload<N>, opts?: { delay?: number }): Promise<string>;
  /**
   * Adds several jobs of one queue in one round trip to Redis (BullMQ's addBulk, a MULTI):
   * a case's milestones are scheduled together, not one add after another.
   */
  addMany<N extends JobName>(jobs: readonly BulkJob<N>[]): Promise<string[]>;
  queue(name: QueueName): Queue;
  /** Whether the Redis connection is up right now (false while ioredis reconnects). */
  isConnected(): boolean;
  /**
   * Creates or updates a repeating job (BullMQ job scheduler) with a validated payload; calling it
   * again with the same id replaces the schedule, so every process may call it at start.
   */
  upsertScheduler<N extends JobName>(
    schedulerId: string,
    repeat: { every: number } | { pattern: string; tz: string },
    name: N,
    payload: JobPayload<N>,
  ): Promise<void>;
  /** Removes the repeating job of that id from the queue of the named job; none there is no error. */
  removeScheduler(schedulerId: string, name: JobName): Promise<void>;
  close(): Promise<void>;
}

export interface BulkJob<N extends JobName> {
  name: N;
  payload: JobPayload<N>;
  opts?: { delay?: number };
}

/** A job as BullMQ takes it: the payload checked, the definition's options and its deterministic id. */
function prepare<N extends JobName>({ name, payload, opts }: BulkJob<N>) {
  const def = JOB_DEFINITIONS[name];
  const data = def.schema.parse(payload);
  const jobId = def.jobId(data as never);
  return { queue: def.queue, jobId, job: { name, data, opts: { ...def.options, ...opts, jobId } } };
}

export function createJobQueues(connection: Redis, prefix: string): JobQueues {
  const queues = new Map<QueueName, Queue>(
    QUEUE_NAMES.map((q) => [q, new Queue(q, { connection, prefix })] as const),
  );
  const queue = (name: QueueName) => queues.get(name)!;
  return {
    queue,
    isConnected: () => connection.status === 'ready',
    async add(name, payload, opts) {
      const p = prepare({ name, payload, opts });
      const job = await queue(p.queue).add(name, p.job.data, p.job.opts);
      return job.id ?? p.jobId;
    },
    async addMany(jobs) {
      if (jobs.length === 0) return [];
      const prepared = jobs.map(prepare);
      const queueName = prepared[0]!.queue;
      if (prepared.some((p) => p.queue !== queueName)) throw new Error('addMany: jobs of one queue only');
      const added = await queue(queueName).addBulk(prepared.map((p) => p.job));
      return added.map((job, i) => job.id ?? prepared[i]!.jobId);
    },
    async upsertScheduler(schedulerId, repeat, name, payload) {
      const def = JOB_DEFINITIONS[name];
      const data = def.schema.parse(payload);
      const { attempts, backoff, removeOnComplete, removeOnFail } = def.options as JobsOptions;
      await queue(def.queue).upsertJobScheduler(schedulerId, repeat, {
        name,
        data,
        opts: { attempts, backoff, removeOnComplete, removeOnFail },
      });
    },
    async removeScheduler(schedulerId, name) {
      await queue(JOB_DEFINITIONS[name].queue).removeJobScheduler(schedulerId);
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
