// The one recovery sweep behind every "stored, then queued" flow (submissions, case effects,
// notifications): the database row is the truth, the job only a messenger. A job id is
// deterministic, so BullMQ ignores an add while a job with that id still exists — a job that used
// up its attempts (kept for days by `removeOnFail`) or a completed one would block its row forever.
// So each stuck row's job is looked at: missing → added, failed → retried, completed (the row
// still not done) → removed and added; waiting, delayed or active → left alone.
// Under a backlog every stored row is "stuck" until a worker reaches it, and nearly every one has a
// job waiting: those are told apart a page at a time, in one Redis round trip, by the two fields of
// the job's hash (a job in flight has a `timestamp` and no `finishedOn`; BullMQ sets `finishedOn`
// only when a job completes or fails for good, and a retry deletes it). Only the others are looked
// at one by one (decision 0088).
import type { Job, Queue } from 'bullmq';
import type { ChainableCommander } from 'ioredis';

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
    const inFlight = await jobsInFlight(opts.queue, rows.map(opts.jobId));
    for (const [i, row] of rows.entries()) {
      seen++;
      if (inFlight[i]) continue;
      if (await requeueOne(opts, row, readAt)) requeued++;
    }
    if (rows.length < take) break;
    after = rows[rows.length - 1]!;
  }
  return { seen, requeued };
}

/** For each job id: whether its job exists and has not finished (waiting, delayed, active…). */
async function jobsInFlight(queue: Queue, jobIds: readonly string[]): Promise<boolean[]> {
  if (jobIds.length === 0) return [];
  const client = await queue.getBackend().client;
  // The app's queues run on ioredis (job-queues.ts): its pipeline, which BullMQ's type narrows.
  const pipeline = client.pipeline() as unknown as ChainableCommander;
  for (const id of jobIds) pipeline.hmget(queue.toKey(id), 'timestamp', 'finishedOn');
  const replies = (await pipeline.exec()) ?? [];
  return jobIds.map((_, i) => {
    const [err, fields] = replies[i] ?? [null, null];
    if (err || !Array.isArray(fields)) return false; // looked at one by one, as before
    const [timestamp, finishedOn] = fields as (string | null)[];
    return timestamp !== null && finishedOn === null;
  });
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
