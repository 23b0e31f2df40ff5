// Safety net: "acknowledged means processed". Every submission stored but not yet a case is looked
// at, oldest first and page by page (none hides behind older ones): a job Redis lost is added again,
// one that used up its attempts is retried (src/queue/requeue-stuck.ts). Harmless when nothing was
// lost: the job id is deterministic and the handler idempotent. Submissions that failed for good
// are `failed`, not pending, and are left to operators (decision 0019).
import type { AppContext } from '../app-context.js';
import { JOB_DEFINITIONS } from '../queue/job-registry.js';
import { requeueStuck } from '../queue/requeue-stuck.js';
import {
  countFailedSubmissions,
  countPendingSubmissions,
  listPendingSubmissions,
  type PendingSubmissionKey,
} from './intake.repository.js';

/** A submission still not a case after this long is worth an operator's look. */
export const STUCK_ALERT_AFTER_MS = 15 * 60_000;

export async function requeuePendingSubmissions(ctx: AppContext, minAgeMs = 30_000): Promise<number> {
  const now = ctx.clock.now().getTime();
  const olderThan = new Date(now - minAgeMs);
  const { requeued } = await requeueStuck<PendingSubmissionKey>({
    queue: ctx.queues.queue('intake'),
    page: (after, take) => listPendingSubmissions(ctx.db.prisma, { olderThan, after, take }),
    jobId: ({ id }) => JOB_DEFINITIONS['intake.process-submission'].jobId({ submissionId: id }),
    add: ({ id }) => ctx.queues.add('intake.process-submission', { submissionId: id }),
  });
  if (requeued > 0) ctx.logger.warn({ count: requeued }, 'requeued pending submissions');

  // Failed ones were alerted once when they failed (process-submission.ts); pending ones are
  // alerted at every sweep for as long as they stay stuck: something keeps them from processing.
  const stuck = await countStuckSubmissions(ctx, new Date(now - STUCK_ALERT_AFTER_MS));
  if (stuck.pending > 0) {
    // Counts only: the alert must never carry what people wrote or who they are.
    ctx.logger.warn(
      { alert: 'intake_stuck', pending: stuck.pending, failed: stuck.failed, olderThanMinutes: 15 },
      'acknowledged submissions are still not cases; see `npx langnghe intake:stuck`',
    );
  }
  return requeued;
}

/**
 * Submissions acknowledged to their sender that are not cases: still pending since before
 * `olderThan`, and failed for good. For alerts and metrics.
 */
export async function countStuckSubmissions(
  ctx: AppContext,
  olderThan: Date,
): Promise<{ pending: number; failed: number }> {
  const [pending, failed] = await Promise.all([
    countPendingSubmissions(ctx.db.prisma, olderThan),
    countFailedSubmissions(ctx.db.prisma),
  ]);
  return { pending, failed };
}
