// Runs one BullMQ worker per queue and dispatches by job name. Start-up fails when a job in the
// registry has no handler. Errors are never swallowed: a bad payload or a non-retryable AppError
// becomes UnrecoverableError, everything else is thrown again so BullMQ retries with backoff.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { ZodError } from 'zod';
import { isAppError } from '../core/app-error.js';
import type { Logger } from '../core/logger.js';
import {
  JOB_DEFINITIONS,
  JOB_NAMES,
  QUEUE_NAMES,
  QUEUE_WORKER_OPTIONS,
  jobsOfQueue,
  type JobName,
  type JobPayload,
  type QueueName,
} from './job-registry.js';

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<unknown>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

export interface WorkerHostOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
  logger: Logger;
  /** Told of every failed attempt (metrics count them); its own failure is logged, never thrown. */
  onFailed?: (queue: QueueName) => Promise<void>;
}

export interface WorkerHost {
  workers: Worker[];
  close(): Promise<void>;
}

export function assertEveryJobHasAHandler(handlers: Partial<Record<string, unknown>>): void {
  const missing = JOB_NAMES.filter((n) => typeof handlers[n] !== 'function');
  const unknown = Object.keys(handlers).filter((n) => !(n in JOB_DEFINITIONS));
  if (missing.length || unknown.length) {
    throw new Error(
      `Job registry mismatch: ${missing.length ? `no handler for ${missing.join(', ')}` : ''}${
        missing.length && unknown.length ? '; ' : ''
      }${unknown.length ? `handlers for unknown jobs ${unknown.join(', ')}` : ''}`,
    );
  }
}

export function startWorkers(handlers: JobHandlers, opts: WorkerHostOptions): WorkerHost {
  assertEveryJobHasAHandler(handlers);
  const workers = QUEUE_NAMES.filter((q) => jobsOfQueue(q).length > 0).map((queue) => {
    const worker = new Worker(queue, (job) => dispatch(handlers, job, opts.logger), {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      lockDuration: opts.lockDurationMs,
      stalledInterval: Math.max(1000, Math.floor(opts.lockDurationMs / 2)),
      maxStalledCount: 5,
      ...QUEUE_WORKER_OPTIONS[queue],
    });
    worker.on('failed', (job, err) => {
      opts.logger.warn(
        {
          queue,
          job: job?.name,
          jobId: job?.id,
          attempts: job?.attemptsMade,
          err: { message: err.message, name: err.name },
        },
        'job failed',
      );
      opts
        .onFailed?.(queue)
        .catch((e: unknown) =>
          opts.logger.warn(
            { queue, err: { message: (e as Error).message } },
            'could not count a job failure',
          ),
        );
    });
    worker.on('error', (err) => opts.logger.error({ queue, err: { message: err.message } }, 'worker error'));
    return worker;
  });
  return {
    workers,
    async close() {
      // Stop taking new jobs and let the running ones finish; a job still running after the
      // process dies is taken over by another worker once its lock expires.
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

async function dispatch(handlers: JobHandlers, job: Job, logger: Logger): Promise<unknown> {
  const name = job.name as JobName;
  const def = JOB_DEFINITIONS[name];
  if (!def) throw new UnrecoverableError(`unknown job ${job.name}`);
  let payload: JobPayload<typeof name>;
  try {
    payload = def.schema.parse(job.data) as JobPayload<typeof name>;
  } catch (err) {
    if (err instanceof ZodError)
      throw new UnrecoverableError(`invalid payload for ${name}: ${err.issues[0]?.message ?? ''}`);
    throw err;
  }
  try {
    return await (handlers[name] as JobHandler<typeof name>)(payload, job);
  } catch (err) {
    if (isAppError(err) && !err.retryable) {
      logger.warn({ job: name, jobId: job.id, code: err.code }, 'job refused without retry');
      throw new UnrecoverableError(err.message);
    }
    throw err;
  }
}
