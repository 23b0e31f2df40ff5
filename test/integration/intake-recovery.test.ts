// "Acknowledged means processed, always": the recovery sweep reaches every stuck submission (a job
// that used up its attempts, a job Redis lost behind hundreds of older ones), and a submission that
// can never become a case is marked failed for operators instead of being retried in silence.
import { randomBytes, randomUUID } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSealedBox } from '../../src/core/sealed-box.js';
import type { AppContext } from '../../src/app-context.js';
import { findCaseBySubmissionId } from '../../src/cases/case.repository.js';
import { generateTrackingCode } from '../../src/cases/index.js';
import { getPublicCaseStatus } from '../../src/cases/get-public-status.js';
import { AppError } from '../../src/core/app-error.js';
import { loadActiveStaff } from '../../src/directory/resolve-staff.js';
import { resetFailedSubmissions } from '../../src/intake/intake.repository.js';
import { recordSubmissionFailure } from '../../src/intake/record-submission-failure.js';
import { showInbox } from '../../src/officer/inbox.js';
import { DEFAULT_INBOX_REQUEST } from '../../src/officer/inbox-request.js';
import {
  countStuckSubmissions,
  requeuePendingSubmissions,
} from '../../src/intake/requeue-pending-submissions.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { createIntakeHandler } from '../../workers/intake.handler.js';
import { submissionMaker } from '../helpers/submissions.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
/** A receiving officer of the organisation, with a Telegram account: new cases without a unit reach them. */
let receiverId: string;
beforeAll(async () => {
  t = await createTestContext();
  const { prisma } = t.ctx.db;
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  receiverId = (
    await prisma.staff.create({
      data: {
        organizationId: org.id,
        fullName: 'Cán bộ tiếp nhận',
        telegramUserId: '7301',
        roles: { create: [{ organizationId: org.id, role: 'receiver', unitId: null }] },
      },
    })
  ).id;
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

/** Test set-up: the stored payload re-sealed under a key this app does not have (a lost ENCRYPTION_KEY). */
async function loseKeyOf(submissionId: string): Promise<void> {
  const other = createSealedBox(randomBytes(32));
  await t.ctx.db.prisma.intakeSubmission.update({
    where: { id: submissionId },
    data: { payloadCiphertext: Buffer.from(other.sealJson({ anything: true })) },
  });
}

const unreadable = (submissionId: string) =>
  new AppError('unprocessable', `Submission ${submissionId} cannot be processed.`, {
    reason: 'payload_unreadable',
  });

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

  it('makes an unreadable submission a flagged case for the receiving office: card, inbox, tracking, once', async () => {
    const { prisma } = t.ctx.db;
    const s = submission({ kind: 'complaint', anonymous: true });
    const receipt = await submitSubmission(t.ctx, s);
    await loseKeyOf(s.submissionId);
    // Run by hand below; the sweep must not queue it again once it failed.
    await (await t.ctx.queues.queue('intake').getJob(jobIdOf(s.submissionId)))?.remove();
    const kkb = await prisma.unit.findFirstOrThrow({ where: { code: 'ta-kkb' } });

    const handle = createIntakeHandler(t.ctx);
    // Two runs at once (a retried job and a second worker): one case, one card each.
    const [first, again] = (await Promise.all([
      handle({ submissionId: s.submissionId }, {} as Job),
      handle({ submissionId: s.submissionId }, {} as Job),
    ])) as [{ caseId: string }, { caseId: string }];
    expect(again.caseId).toBe(first.caseId);
    expect(await recordSubmissionFailure(t.ctx, s.submissionId, unreadable(s.submissionId))).toMatchObject({
      caseId: first.caseId,
      created: false,
    });
    expect(await prisma.case.count({ where: { submissionId: s.submissionId } })).toBe(1);

    const row = await prisma.intakeSubmission.findUniqueOrThrow({ where: { id: s.submissionId } });
    expect(row).toMatchObject({
      status: 'failed',
      failureReason: 'payload_unreadable',
      caseId: first.caseId,
    });
    expect(row.payloadCiphertext).not.toBeNull();

    const made = await prisma.case.findUniqueOrThrow({
      where: { id: first.caseId },
      include: { events: { orderBy: { createdAt: 'asc' } }, clocks: true, identity: true },
    });
    expect(made).toMatchObject({
      code: receipt.code,
      organizationId: kkb.organizationId,
      unitId: null,
      kind: 'complaint',
      status: 'received',
      intakeFailureReason: 'payload_unreadable',
      identity: null,
    });
    expect(made.description).toContain('không đọc được nội dung');
    expect(made.description).toContain('ENCRYPTION_KEY');
    expect(made.followUpSecretHash).not.toBeNull();
    expect(made.events.filter((e) => e.action === 'receive')).toHaveLength(1);
    expect(made.events.find((e) => e.action === 'receive')).toMatchObject({
      reason: expect.stringContaining('Không đọc được nội dung'),
      data: expect.objectContaining({
        intakeFailureReason: 'payload_unreadable',
        submissionId: s.submissionId,
      }),
    });
    // The routing decision keeps it with the receiving office, whatever the rules say.
    expect(made.events.find((e) => e.action === 'route')?.data).toMatchObject({
      rule: 'no_match',
      unitId: null,
    });
    // The clocks of a complaint received that day, as for any case.
    expect(made.clocks.length).toBeGreaterThan(0);
    expect(made.governingDueOn).not.toBeNull();

    // One card to each receiving officer, flagged.
    const cards = await prisma.notification.findMany({
      where: { caseId: made.id, dedupeKey: { startsWith: `case:${made.id}:card:staff:${receiverId}` } },
    });
    expect(cards).toHaveLength(1);
    const card = cards[0]!.content as { text: string };
    expect(card.text).toContain('⚠️ cần chú ý: nội dung không đọc được');
    expect(card.text).toContain('chưa phân công (bộ phận tiếp nhận)');

    // …and it is in the receiving officer's /hopthu, flagged.
    const inbox = await showInbox(t.ctx, await loadActiveStaff(t.ctx, receiverId), {
      ...DEFAULT_INBOX_REQUEST,
    });
    const line = inbox.text.split('\n').find((l) => l.includes(receipt.code));
    expect(line).toContain('⚠️ cần chú ý: nội dung không đọc được');

    // The sender's tracking: the case, a truthful note, and the replies still behind their secret.
    const tracked = await getPublicCaseStatus(t.ctx, receipt.code);
    expect(tracked).toMatchObject({ status: 'received', kind: 'complaint', repliesNeedSecret: true });
    expect(tracked.statusNote).toContain('chưa đọc được nội dung');
    expect((await getPublicCaseStatus(t.ctx, receipt.code, receipt.followUpSecret)).repliesNeedSecret).toBe(
      false,
    );

    // The sweep leaves it alone, and `intake:stuck --retry` keeps the placeholder case as it is.
    await requeuePendingSubmissions(t.ctx, 0);
    expect(await t.ctx.queues.queue('intake').getJob(jobIdOf(s.submissionId))).toBeUndefined();
    await resetFailedSubmissions(prisma);
    expect((await prisma.intakeSubmission.findUniqueOrThrow({ where: { id: s.submissionId } })).status).toBe(
      'failed',
    );
    expect((await countStuckSubmissions(t.ctx, new Date())).failed).toBeGreaterThanOrEqual(1);
  });

  it("sends it to DEFAULT_ORG_CODE's organisation when its own is gone, and to operators only when none is left", async () => {
    const { prisma } = t.ctx.db;
    const other = createSealedBox(randomBytes(32));
    let n = 0;
    const stored = async (organizationId: string | null) => {
      const id = `gone-${Date.now()}-${n++}`;
      // Test set-up: rows as the app stores them, sealed under a key this app does not have; one
      // whose organisation was deleted since, one stored before the routing facts existed.
      await prisma.intakeSubmission.create({
        data: {
          id,
          trackingCode: `GONE${Date.now()}${n}`,
          payloadCiphertext: Buffer.from(other.sealJson({ anything: true })),
          payloadDigest: 'x',
          organizationId,
          kind: organizationId ? 'feedback' : null,
          channel: organizationId ? 'web' : null,
        },
      });
      return id;
    };
    const fallback = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });

    const goneId = await stored(randomUUID());
    const gone = (await createIntakeHandler(t.ctx)({ submissionId: goneId }, {} as Job)) as {
      caseId: string;
    };
    const madeGone = await prisma.case.findUniqueOrThrow({
      where: { id: gone.caseId },
      include: { events: true },
    });
    expect(madeGone).toMatchObject({
      organizationId: fallback.id,
      kind: 'feedback',
      channel: 'web',
      unitId: null,
    });
    expect(madeGone.events.find((e) => e.action === 'receive')?.data).toMatchObject({
      organizationMissing: true,
    });

    const oldId = await stored(null);
    const old = (await createIntakeHandler(t.ctx)({ submissionId: oldId }, {} as Job)) as { caseId: string };
    expect(await prisma.case.findUniqueOrThrow({ where: { id: old.caseId } })).toMatchObject({
      organizationId: fallback.id,
      kind: 'report',
      intakeFailureReason: 'payload_unreadable',
    });

    // No organisation at all to take it: failed for operators, as before, and `--retry` retries it.
    const lonely: AppContext = {
      ...t.ctx,
      config: { ...t.ctx.config, defaultOrgCode: 'khong-co-don-vi-nay' },
    };
    const lonelyId = `lonely-${Date.now()}`;
    const code = generateTrackingCode();
    await prisma.intakeSubmission.create({
      data: {
        id: lonelyId,
        trackingCode: code,
        payloadCiphertext: Buffer.from(other.sealJson({ anything: true })),
        payloadDigest: 'x',
      },
    });
    await expect(createIntakeHandler(lonely)({ submissionId: lonelyId }, {} as Job)).rejects.toMatchObject({
      code: 'unprocessable',
    });
    const row = await prisma.intakeSubmission.findUniqueOrThrow({ where: { id: lonelyId } });
    expect(row).toMatchObject({ status: 'failed', caseId: null });
    expect(await prisma.case.count({ where: { submissionId: lonelyId } })).toBe(0);
    expect((await getPublicCaseStatus(t.ctx, code)).statusNote).toContain('chưa đọc được nội dung');
    await resetFailedSubmissions(prisma);
    expect((await prisma.intakeSubmission.findUniqueOrThrow({ where: { id: lonelyId } })).status).toBe(
      'pending',
    );
    // Leave the queue and the table as other tests expect them: this row has no real payload.
    await prisma.intakeSubmission.delete({ where: { id: lonelyId } });
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
