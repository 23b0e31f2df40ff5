// The one recovery sweep behind every "stored, then queued" flow (submissions, case effects,
// notifications): the database row is the truth, the job only a messenger. A job id is
// deterministic, so BullMQ ignores an add while a job with that id still exists — a job that used
// up its attempts (kept for days by `removeOnFail`) or a completed one would block its row forever.
// So each stuck row's job is looked at: missing → added, failed → retried, completed (the row
// still not done) → removed and added; waiting, delayed or active → left alone.
import type { Job, Queue } from 'bullmq';

export interface RequeueStuckOptions<Row> {
  queue: Queue;
  /** The next page of stuck rows after `after` (null: from the start), in one stable order. */
  page(after: Row | null, take: number): Promise<Row[]>;
  jobId(row: Row): string;
  /** Adds the job of a row through the registry (validated payload, deterministic id). */
  add(row: Row): Promise<unknown>;
  pageSize?: number;
}

export interface RequeueStuckResult {
  /** Rows found stuck (all pages). */
  seen: number;
  /** Jobs added, retried or replaced. */
  requeued: number;
}

export async function requeueStuck<Row>(opts: RequeueStuckOptions<Row>): Promise<RequeueStuckResult> {
  const take = opts.pageSize ?? 200;
  let seen = 0;
  let requeued = 0;
  let after: Row | null = null;
  // Keyset paging: every stuck row is reached however many there are, and rows that become
  // unstuck meanwhile never shift a page.
  for (;;) {
    const readAt = Date.now();
    const rows = await opts.page(after, take);
    for (const row of rows) {
      seen++;
      if (await requeueOne(opts, row, readAt)) requeued++;
    }
    if (rows.length < take) break;
    after = rows[rows.length - 1]!;
  }
  return { seen, requeued };
}

async function requeueOne<Row>(opts: RequeueStuckOptions<Row>, row: Row, readAt: number): Promise<boolean> {
  const job: Job | undefined = await opts.queue.getJob(opts.jobId(row));
  if (!job) {
    await opts.add(row);
    return true;
  }
  const state = await job.getState();
  if (state === 'failed') {
    // A fresh set of attempts with backoff, not one last try.
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }
  // Completed after we read the row: it is done now, not stuck.
  if (state === 'completed' && (job.finishedOn ?? 0) < readAt) {
    await job.remove();
    await opts.add(row);
    return true;
  }
  return false;
}
