// The one list of queues, jobs, payload schemas and default options. Payloads carry ids only:
// BullMQ stores job data in clear text in Redis, so personal data never goes into a job.
import { z } from 'zod';
import type { JobsOptions, WorkerOptions } from 'bullmq';

export const QUEUE_NAMES = [
  'intake',
  'cases',
  'notify',
  'deadlines',
  'letters',
  'reports',
  'webhooks',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const ZIdSchema = z.string().min(1).max(100);
/** A Vietnamese calendar date, 'YYYY-MM-DD'. */
const ZDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const retried: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** A job of a scheduler: the next run is the retry, and only the last hundred runs are kept. */
const repeated: JobsOptions = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

export const JOB_DEFINITIONS = {
  'intake.process-submission': {
    queue: 'intake',
    schema: z.object({ submissionId: ZIdSchema }).strict(),
    options: retried,
    /** Job id = submission id: a retry or a double tap never makes two jobs. */
    jobId: (p: { submissionId: string }) => `submission-${p.submissionId}`,
  },
  'cases.run-effects': {
    queue: 'cases',
    /** The case event whose after-commit effects (notices, cards, letters, timers) must run. */
    schema: z.object({ eventId: z.uuid() }).strict(),
    options: retried,
    /** One job per event: a repeated add or the recovery sweep never runs the effects twice. */
    jobId: (p: { eventId: string }) => `case-effects-${p.eventId}`,
  },
  'cases.auto-close': {
    queue: 'cases',
    /** A resolved case and the `resolve` event that started its wait; a later reopen voids it. */
    schema: z.object({ caseId: z.uuid(), resolveEventId: z.uuid() }).strict(),
    options: { ...retried, attempts: 5 },
    jobId: (p: { caseId: string; resolveEventId: string }) => `auto-close-${p.resolveEventId}`,
  },
  'notify.deliver': {
    queue: 'notify',
    schema: z.object({ notificationId: ZIdSchema }).strict(),
    /** About 2 h of exponential backoff for a channel that is down; waiting for pacing or a 429 spends no attempt. */
    options: { ...retried, attempts: 12, backoff: { type: 'exponential', delay: 2000 } },
    /** Job id = notification id: the recovery sweep and a repeated add never make two sends. */
    jobId: (p: { notificationId: string }) => `notification-${p.notificationId}`,
  },
  'dialog.remind-draft': {
    queue: 'intake',
    /** The draft's random id (never the conversation) and when the reminder was due. */
    schema: z
      .object({ draftId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), dueAt: z.number().int().positive() })
      .strict(),
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
    /** One job per draft and due time: re-adding it changes nothing; a later due time is a new job. */
    jobId: (p: { draftId: string; dueAt: number }) => `dialog-remind-${p.draftId}-${p.dueAt}`,
  },
  'reception.remind-booking': {
    queue: 'deadlines',
    /** One booking's reminder the day before; its time is part of it, so a moved booking makes a new job. */
    schema: z.object({ bookingId: z.uuid(), remindAt: z.number().int().positive() }).strict(),
    options: { ...retried, attempts: 5 },
    jobId: (p: { bookingId: string; remindAt: number }) => `reception-remind-${p.bookingId}-${p.remindAt}`,
  },
  'reception.sweep-reminders': {
    queue: 'deadlines',
    /** Repeated by a job scheduler (RECEPTION_REMINDER_SWEEP_MS): sends what the delayed jobs missed. */
    schema: z.object({}).strict(),
    options: repeated,
    jobId: () => 'reception-sweep-reminders',
  },
  'deadlines.milestone': {
    queue: 'deadlines',
    /** One milestone of one clock; the due date is part of it so a moved date makes a new job. */
    schema: z
      .object({
        clockId: z.uuid(),
        milestone: z.string().regex(/^[a-z0-9_]{1,40}$/),
        dueOn: ZDateSchema,
      })
      .strict(),
    options: { ...retried, attempts: 5 },
    /** Re-scheduling the same milestone changes nothing; a stale one finds it no longer applies. */
    jobId: (p: { clockId: string; milestone: string; dueOn: string }) =>
      `milestone-${p.clockId}-${p.milestone}-${p.dueOn}`,
  },
  'deadlines.sweep': {
    queue: 'deadlines',
    /** Repeated by a job scheduler (DEADLINE_SWEEP_INTERVAL_MS); fires what the delayed jobs missed. */
    schema: z.object({}).strict(),
    options: repeated,
    jobId: () => 'deadlines-sweep',
  },
  'db.analyze-tables': {
    queue: 'deadlines',
    /** Repeated by a job scheduler (DATABASE_ANALYZE_INTERVAL_MS): planner statistics where the database gathers none (src/db/table-statistics.ts). */
    schema: z.object({}).strict(),
    options: repeated,
    jobId: () => 'db-analyze-tables',
  },
  'reports.daily-digest': {
    queue: 'reports',
    /** Without a date: today in Vietnam (the scheduler's runs); with one: that day (a re-run). */
    schema: z.object({ date: ZDateSchema.optional() }).strict(),
    options: { ...retried, attempts: 5 },
    jobId: (p: { date?: string }) => `daily-digest-${p.date ?? 'today'}`,
  },
  'reports.early-warning': {
    queue: 'reports',
    /** Without a date: today in Vietnam (the scheduler's runs); with one: the window ending that day. */
    schema: z.object({ date: ZDateSchema.optional() }).strict(),
    options: { ...retried, attempts: 5 },
    jobId: (p: { date?: string }) => `early-warning-${p.date ?? 'today'}`,
  },
  'reports.hotline-review': {
    queue: 'reports',
    /** The Monday the review is for (default: this week's); it covers the seven days before it. */
    schema: z.object({ weekOf: ZDateSchema.optional() }).strict(),
    options: { ...retried, attempts: 5 },
    jobId: (p: { weekOf?: string }) => `hotline-review-${p.weekOf ?? 'this-week'}`,
  },
  'reports.periodic-schedules': {
    queue: 'reports',
    /** Daily: drafts the scheduled periodic reports whose draft day has come, escalates late ones (src/reports/periodic). */
    schema: z.object({ date: ZDateSchema.optional() }).strict(),
    options: { ...retried, attempts: 5 },
    jobId: (p: { date?: string }) => `periodic-reports-${p.date ?? 'today'}`,
  },
  'webhooks.deliver': {
    queue: 'webhooks',
    /** One organisation webhook's chain of events for one case, delivered in order (src/feeds). */
    schema: z.object({ webhookId: z.uuid(), caseId: z.uuid() }).strict(),
    /** 1 s, 2 s, 4 s … about 4.5 h over 15 attempts; the feeds' pump adds the chain again after. */
    options: {
      attempts: 15,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
    jobId: (p: { webhookId: string; caseId: string }) => `webhook-${p.webhookId}-${p.caseId}`,
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

/**
 * Worker options per queue. `notify`: at most 30 jobs a second across all worker processes
 * (Telegram's overall limit); per-recipient pacing is src/notify/recipient-pacer.ts. One job at a
 * time per worker process: the pacer hands out a chat's slots in the order jobs reach it, and jobs
 * run side by side reached it out of order under load ("tin 3" before "tin 2"); one at a time they
 * reach it in the order they were queued, and the limiter's 30 a second is the ceiling anyway.
 */
export const QUEUE_WORKER_OPTIONS: Partial<
  Record<QueueName, Pick<WorkerOptions, 'limiter' | 'concurrency'>>
> = {
  notify: { limiter: { max: 30, duration: 1000 }, concurrency: 1 },
};

export type JobName = keyof typeof JOB_DEFINITIONS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_DEFINITIONS)[N]['schema']>;
export const JOB_NAMES = Object.keys(JOB_DEFINITIONS) as JobName[];

export function jobsOfQueue(queue: QueueName): JobName[] {
  return JOB_NAMES.filter((n) => JOB_DEFINITIONS[n].queue === queue);
}
