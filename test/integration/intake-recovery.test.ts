// "Acknowledged means processed, always": the recovery sweep reaches every stuck submission (a job
// that used up its attempts, a job Redis lost behind hundreds of older ones), and a submission that
// can never become a case is marked failed for operators instead of being retried in silence.
import { randomBytes } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSealedBox } from '../../src/core/sealed-box.js';
import { findCaseBySubmissionId } from '../../src/cases/case.repository.js';
import {
  countStuckSubmissions,
  requeuePendingSubmissions,
} from '../../src/intake/requeue-pending-submissions.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { createIntakeHandler } from '../../workers/intake.handler.js';
import { submissionMaker } from '../helpers/submissions.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.cleanup();
});

const submission = submissionMaker('rec', {
  channel: 'api',
  kind: 'report',
  text: 'Nhà vệ sinh tầng 2 không có nước',
  unitCode: 'ta-kkb',
});

const jobIdOf = (submissionId: string) => `submission-${submissionId}`;

/** Runs one worker on the test's intake queue until `done` says stop. */
async function runWorker(
  processor: (job: Job) => Promise<unknown>,
  done: (worker: Worker) => Promise<void>,
): Promise<void> {
  const worker = new Worker('intake', processor, { connection: t.redis, prefix: t.prefix });
  try {
    await done(worker);
  } finally {
    await worker.close();
  }
}

const untilEvent = (worker: Worker, event: 'failed' | 'completed', jobId: string) =>
  new Promise<void>((resolve) =>
    worker.on(event, (job: Job | undefined) => {
      if (job?.id === jobId) resolve();
    }),
  );

describe('the intake recovery sweep', () => {
  it('retries a job that used up its attempts, and the case appears', async () => {
    const s = submission();
    await submitSubmission(t.ctx, s);
    const jobId = jobIdOf(s.submissionId);

    // Processing fails for good (as after its last attempt): BullMQ keeps the failed job, and a
    // plain add with the same id would be ignored.
    await runWorker(
      async () => {
        throw new UnrecoverableError('simulated outage outlasting every attempt');
      },
      (w) => untilEvent(w, 'failed', jobId),
    );
    const queue = t.ctx.queues.queue('intake');
    expect(await (await queue.getJob(jobId))!.getState()).toBe('failed');

    expect(await requeuePendingSubmissions(t.ctx, 0)).toBeGreaterThanOrEqual(1);
    expect(await (await queue.getJob(jobId))!.getState()).toMatch(/waiting|prioritized/);

    const handle = createIntakeHandler(t.ctx);
    await runWorker(
      (job) => handle(job.data as { submissionId: string }, job),
      (w) => untilEvent(w, 'completed', jobId),
    );
    const made = await findCaseBySubmissionId(t.ctx.db.prisma, s.submissionId);
    expect(made).not.toBeNull();
  });

  it('reaches the newest stuck submission behind 600 older ones whose jobs are also missing', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 600 }, (_, i) => ({
      id: `bulk-${now}-${String(i).padStart(3, '0')}`,
      trackingCode: `BULK${now}${i}`,
      payloadCiphertext: Buffer.from('not opened by the sweep'),
      payloadDigest: 'x',
      createdAt: new Date(now - 60 * 60_000 + i * 1000),
    }));
    // Test set-up only: the rows the app would have stored over an hour of lost jobs.
    await t.ctx.db.prisma.intakeSubmission.createMany({ data: rows });
    const newest = submission();
    await submitSubmission(t.ctx, newest);
    const queue = t.ctx.queues.queue('intake');
    await (await queue.getJob(jobIdOf(newest.submissionId)))!.remove();

    const requeued = await requeuePendingSubmissions(t.ctx, 0);
    expect(requeued).toBeGreaterThanOrEqual(601);
    expect(await queue.getJob(jobIdOf(newest.submissionId))).toBeDefined();
    expect(await queue.getJob(jobIdOf(rows[0]!.id))).toBeDefined();

    const stuck = await countStuckSubmissions(t.ctx, new Date(now - 15 * 60_000));
    expect(stuck.pending).toBeGreaterThanOrEqual(600);
    // Leave the queue empty for the next test: these rows have no real payload.
    await t.ctx.db.prisma.intakeSubmission.deleteMany({ where: { id: { startsWith: 'bulk-' } } });
    await queue.obliterate({ force: true });
  });

  it('marks a submission that can never be opened failed, and the sweep leaves it to operators', async () => {
    const s = submission();
    const other = createSealedBox(randomBytes(32));
    await t.ctx.db.prisma.intakeSubmission.create({
      data: {
        id: s.submissionId,
        trackingCode: `LOST${Date.now()}`,
        // Sealed under a key this app does not have (a lost ENCRYPTION_KEY).
        payloadCiphertext: Buffer.from(other.sealJson({ anything: true })),
        payloadDigest: 'x',
      },
    });
    const handle = createIntakeHandler(t.ctx);
    await expect(handle({ submissionId: s.submissionId }, {} as Job)).rejects.toMatchObject({
      code: 'unprocessable',
    });
    const row = await t.ctx.db.prisma.intakeSubmission.findUniqueOrThrow({ where: { id: s.submissionId } });
    expect(row.status).toBe('failed');
    expect(row.failureReason).toBe('payload_unreadable');
    expect(row.payloadCiphertext).not.toBeNull();

    await requeuePendingSubmissions(t.ctx, 0);
    expect(await t.ctx.queues.queue('intake').getJob(jobIdOf(s.submissionId))).toBeUndefined();
    expect((await countStuckSubmissions(t.ctx, new Date())).failed).toBe(1);
  });

  it('makes the case for the organisation when its unit was deleted before the worker got to it', async () => {
    const kkb = await t.ctx.db.prisma.unit.findFirstOrThrow({ where: { code: 'ta-kkb' } });
    // Test set-up: a department created, written to, then deleted.
    const unit = await t.ctx.db.prisma.unit.create({
      data: {
        organizationId: kkb.organizationId,
        code: `tmp-${Date.now()}`,
        name: 'Khoa tạm',
        kind: kkb.kind,
        hotlineNumbers: [],
      },
    });
    const s = submission({ unitCode: unit.code });
    await submitSubmission(t.ctx, s);
    await t.ctx.db.prisma.unit.delete({ where: { id: unit.id } });

    const { caseId } = await createIntakeHandler(t.ctx)({ submissionId: s.submissionId }, {} as Job).then(
      (r) => r as { caseId: string },
    );
    const made = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id: caseId },
      include: { events: true },
    });
    expect(made.organizationId).toBe(kkb.organizationId);
    expect(made.events.find((e) => e.action === 'receive')?.data).toMatchObject({ unitMissing: true });
  });
});
