// The one list of queues, jobs, payload schemas and default options. Payloads carry ids only:
// BullMQ stores job data in clear text in Redis, so personal data never goes into a job.
import { z } from 'zod';
import type { JobsOptions } from 'bullmq';

export const QUEUE_NAMES = ['intake', 'notify', 'deadlines', 'letters', 'reports'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const ZIdSchema = z.string().min(1).max(100);

const retried: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export const JOB_DEFINITIONS = {
  'intake.process-submission': {
    queue: 'intake',
    schema: z.object({ submissionId: ZIdSchema }).strict(),
    options: retried,
    /** Job id = submission id: a retry or a double tap never makes two jobs. */
    jobId: (p: { submissionId: string }) => `submission-${p.submissionId}`,
  },
} as const satisfies Record<
  string,
  {
    queue: QueueName;
    schema: z.ZodType;
    options: JobsOptions;
    jobId: (payload: never) => string;
  }
>;

export type JobName = keyof typeof JOB_DEFINITIONS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_DEFINITIONS)[N]['schema']>;
export const JOB_NAMES = Object.keys(JOB_DEFINITIONS) as JobName[];

export function jobsOfQueue(queue: QueueName): JobName[] {
  return JOB_NAMES.filter((n) => JOB_DEFINITIONS[n].queue === queue);
}
