// What the operators' gauges show, read at scrape time from Redis (queue depths, job failures) and
// the database (stuck work, notifications, open and overdue cases, milestones). Every read is one
// aggregate; the result is kept for a few seconds so a tight scrape loop cannot hammer the database.
import type { AppContext } from '../app-context.js';
import { toDbDate, toVietnamDate } from '../calendar/local-date.js';
import {
  countCaseEventsByAction,
  countEventsWithPendingEffects,
  countOpenCasesByOrganization,
} from '../cases/case.repository.js';
import { OPEN_STATUSES } from '../cases/case-vocabulary.js';
import { MILESTONE_EVENT_ACTIONS } from '../deadlines/milestone.repository.js';
import { countPendingSubmissions } from '../intake/intake.repository.js';
import { countNotificationsByChannelAndStatus } from '../notify/notification.repository.js';
import { QUEUE_NAMES, type QueueName } from '../queue/job-registry.js';
import type { JobFailureCounts } from './job-failures.js';

/** Work older than this and still not done is stuck: every step normally finishes in seconds. */
export const STUCK_AFTER_MS = 5 * 60 * 1000;
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface OperationsSnapshot {
  queueJobs: { queue: QueueName; state: QueueState; count: number }[];
  jobFailures: Record<QueueName, number>;
  stuckSubmissions: number;
  pendingEffects: number;
  notifications: { channel: string; status: string; count: number }[];
  cases: { organizationCode: string; open: number; overdue: number }[];
  milestones: { action: string; count: number }[];
}

export async function readOperationsSnapshot(
  ctx: AppContext,
  failures: JobFailureCounts,
): Promise<OperationsSnapshot> {
  const db = ctx.db.prisma;
  const now = ctx.clock.now();
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS);
  const [depths, jobFailures, stuckSubmissions, pendingEffects, notifications, cases, milestones] =
    await Promise.all([
      Promise.all(QUEUE_NAMES.map((q) => ctx.queues.queue(q).getJobCounts(...QUEUE_STATES))),
      failures.read(),
      countPendingSubmissions(db, stuckBefore),
      countEventsWithPendingEffects(db, stuckBefore),
      countNotificationsByChannelAndStatus(db),
      countOpenCasesByOrganization(db, OPEN_STATUSES, toDbDate(toVietnamDate(now))),
      countCaseEventsByAction(db, MILESTONE_EVENT_ACTIONS),
    ]);
  return {
    queueJobs: QUEUE_NAMES.flatMap((queue, i) =>
      QUEUE_STATES.map((state) => ({ queue, state, count: depths[i]![state] ?? 0 })),
    ),
    jobFailures,
    stuckSubmissions,
    pendingEffects,
    notifications,
    cases,
    milestones: MILESTONE_EVENT_ACTIONS.map((action) => ({ action, count: milestones.get(action) ?? 0 })),
  };
}

/**
 * Keeps a read for `ttlMs`; scrapes arriving meanwhile (or while it runs) share it. A failed read is
 * not kept, so the next scrape tries again. Monotonic time: the app's clock is domain time.
 */
export function cacheFor<T>(ttlMs: number, read: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = performance.now();
    if (cached && now - cached.at < ttlMs) return cached.value;
    const value = read();
    const entry = { at: now, value };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return value;
  };
}
