// The intake slice on real Redis and a real database: stored, queued without personal data,
// turned into exactly one case with an encrypted identity and a `received` event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { getPublicCaseStatus } from '../../src/cases/get-public-status.js';
import { Prisma } from '../../src/db/generated/client.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { requeuePendingSubmissions } from '../../src/intake/requeue-pending-submissions.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { submissionMaker } from '../helpers/submissions.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.cleanup();
});

const submission = submissionMaker('it', {
  channel: 'web',
  kind: 'report',
  text: 'Điều dưỡng khoa Nhi nói năng thiếu tôn trọng, số của tôi 0912 345 678',
  unitCode: 'ta-knhi',
  contact: { name: 'Phạm Thị Lan', phone: '0912345678' },
});

describe('intake', () => {
  it('queues only the id, then one worker run makes the case, its identity and its audit event', async () => {
    const s = submission();
    const receipt = await submitSubmission(t.ctx, s);
    expect(receipt.code).toMatch(/[A-Z0-9]/);

    const job = await t.ctx.queues.queue('intake').getJob(`submission-${s.submissionId}`);
    expect(job?.data).toEqual({ submissionId: s.submissionId });
    const everything = JSON.stringify(
      await t.redis.hgetall(`${t.prefix}:intake:submission-${s.submissionId}`),
    );
    // The whole number as typed and as given: the job's own digits (its timestamp) may hold '0912'.
    expect(everything).not.toContain('0912345678');
    expect(everything).not.toContain('0912 345 678');
    expect(everything).not.toContain('Phạm');

    const stored = await t.ctx.db.prisma.intakeSubmission.findUniqueOrThrow({
      where: { id: s.submissionId },
    });
    expect(Buffer.from(stored.payloadCiphertext!).toString('latin1')).not.toContain('0912');

    const first = await processSubmission(t.ctx, s.submissionId);
    const again = await processSubmission(t.ctx, s.submissionId);
    expect(first.created).toBe(true);
    expect(again).toEqual({ caseId: first.caseId, created: false });

    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id: first.caseId },
      include: { identity: true, events: true, unit: true },
    });
    expect(c.code).toBe(receipt.code);
    expect(c.status).toBe('received');
    expect(c.unit?.name).toBe('Khoa Nhi');
    expect(c.identityMode).toBe('named');
    expect(c.events.map((e) => e.action)).toEqual(['receive']);
    expect(c.events[0]!.toStatus).toBe('received');
    expect(Buffer.from(c.identity!.ciphertext).toString('latin1')).not.toContain('Phạm');
    expect(t.ctx.sealedBox.openJson(c.identity!.ciphertext)).toEqual({
      contact: { name: 'Phạm Thị Lan', phone: '0912345678' },
    });

    const after = await t.ctx.db.prisma.intakeSubmission.findUniqueOrThrow({ where: { id: s.submissionId } });
    expect(after.status).toBe('processed');
    expect(after.payloadCiphertext).toBeNull();

    const status = await getPublicCaseStatus(t.ctx, receipt.code.toLowerCase());
    expect(status).toMatchObject({
      code: receipt.code,
      status: 'received',
      unit: 'Khoa Nhi',
      kindLabel: 'Phản ánh',
    });
    expect(JSON.stringify(status)).not.toContain('Phạm');
  });

  it('gives the same code for the same submission id, and one case, even when sent at once', async () => {
    const s = submission();
    const receipts = await Promise.all([1, 2, 3].map(() => submitSubmission(t.ctx, s)));
    expect(new Set(receipts.map((r) => r.code)).size).toBe(1);
    await Promise.all(receipts.map(() => processSubmission(t.ctx, s.submissionId)));
    expect(await t.ctx.db.prisma.case.count({ where: { submissionId: s.submissionId } })).toBe(1);
  });

  it('stores submissions that wait together in one statement, and queues them through one writer', async () => {
    const resent = submission();
    const sent = [submission(), resent, submission(), resent, submission()];
    // The first writes are held until every request has sealed its payload, the step just before
    // its insert: the others then wait behind them and go together (group commit, decision 0083).
    let sealed = 0;
    let allSealed!: () => void;
    const gate = new Promise<void>((resolve) => (allSealed = resolve));
    const sealedBox = {
      ...t.ctx.sealedBox,
      sealJson: (value: unknown) => {
        if (++sealed === sent.length) setImmediate(allSealed);
        return t.ctx.sealedBox.sealJson(value);
      },
    };
    const writes = { inserts: [] as number[], adds: [] as number[] };
    const submissions = t.ctx.db.prisma.intakeSubmission;
    // The insert is one SQL statement whose rows are one JSON parameter (insertSubmissionsIfNew).
    // A client raw-sql.ts does not know (this proxy) sends its statements through `$queryRaw`.
    const countedQueryRaw = async (query: Prisma.Sql) => {
      if (query.text.includes('INSERT INTO "intake_submissions"')) {
        await gate;
        const rows = query.values.find((v) => typeof v === 'string' && v.startsWith('['));
        writes.inserts.push((JSON.parse(rows as string) as unknown[]).length);
      }
      return t.ctx.db.prisma.$queryRaw(query);
    };
    const prisma = new Proxy(t.ctx.db.prisma, {
      get: (target, key, receiver) =>
        key === '$queryRaw' ? countedQueryRaw : Reflect.get(target, key, receiver),
    });
    const queues = {
      ...t.ctx.queues,
      addMany: ((jobs) => {
        writes.adds.push(jobs.length);
        return t.ctx.queues.addMany(jobs);
      }) as typeof t.ctx.queues.addMany,
    };
    // A context of its own: the writers are per database and queue client.
    const ctx = { ...t.ctx, db: { ...t.ctx.db, prisma }, queues, sealedBox };

    const receipts = await Promise.all(sent.map((s) => submitSubmission(ctx, s)));

    // At most two writes under way at once: the rest of the five rows went in one more.
    expect(writes.inserts.reduce((a, b) => a + b)).toBe(5);
    expect(writes.inserts.length).toBeLessThanOrEqual(3);
    // The resent copy is found stored by its first and answered with the same code; a stored
    // submission still pending is queued again, under the same job id.
    expect(receipts.filter((r) => r.duplicate)).toHaveLength(1);
    expect(receipts[3]!.code).toBe(receipts[1]!.code);
    expect(new Set(receipts.map((r) => r.code)).size).toBe(4);
    expect(writes.adds.reduce((a, b) => a + b)).toBe(5);
    for (const [i, s] of sent.entries()) {
      const stored = await submissions.findUniqueOrThrow({ where: { id: s.submissionId } });
      expect(stored.trackingCode).toBe(receipts[i]!.code);
      const job = await t.ctx.queues.queue('intake').getJob(`submission-${s.submissionId}`);
      expect(job?.data).toEqual({ submissionId: s.submissionId });
    }
  });

  it('refuses a reused submission id with different content', async () => {
    const s = submission();
    await submitSubmission(t.ctx, s);
    await expect(submitSubmission(t.ctx, { ...s, text: 'khác' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses an unknown unit and stores nothing', async () => {
    const s = submission({ unitCode: 'khong-co' });
    const before = await t.ctx.db.prisma.intakeSubmission.count();
    await expect(submitSubmission(t.ctx, s)).rejects.toSatisfy(
      (e: AppError) => e.code === 'unprocessable' && /khong-co/.test(e.message),
    );
    expect(await t.ctx.db.prisma.intakeSubmission.count()).toBe(before);
    expect(await t.ctx.queues.queue('intake').getJob(`submission-${s.submissionId}`)).toBeUndefined();
  });

  it('hands an anonymous sender a follow-up secret that opens the replies', async () => {
    const s = submission({ anonymous: true, contact: undefined });
    const receipt = await submitSubmission(t.ctx, s);
    expect(receipt.followUpSecret).toBeTruthy();
    const { caseId } = await processSubmission(t.ctx, s.submissionId);
    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id: caseId },
      include: { identity: true },
    });
    expect(c.identityMode).toBe('anonymous');
    expect(c.identity).toBeNull();
    expect((await getPublicCaseStatus(t.ctx, receipt.code)).repliesNeedSecret).toBe(true);
    expect((await getPublicCaseStatus(t.ctx, receipt.code, receipt.followUpSecret)).replies).toEqual([]);
  });

  it('shows an acknowledged submission as received before the worker has run', async () => {
    const s = submission();
    const receipt = await submitSubmission(t.ctx, s);
    expect((await getPublicCaseStatus(t.ctx, receipt.code)).statusLabel).toBe('Đã tiếp nhận');
  });

  it('tells a mistyped code apart from an unknown one', async () => {
    const s = submission();
    const { code } = await submitSubmission(t.ctx, s);
    const chars = code.split('');
    const i = chars.findIndex((ch) => /[A-Z2-9]/.test(ch));
    chars[i] = chars[i] === 'A' ? 'B' : 'A';
    await expect(getPublicCaseStatus(t.ctx, chars.join(''))).rejects.toMatchObject({
      code: 'malformed_code',
    });
    await expect(getPublicCaseStatus(t.ctx, '!!')).rejects.toMatchObject({ code: 'malformed_code' });
  });

  it('queues again a stored submission whose job was lost', async () => {
    const s = submission();
    await submitSubmission(t.ctx, s);
    const job = await t.ctx.queues.queue('intake').getJob(`submission-${s.submissionId}`);
    await job!.remove();
    expect(await requeuePendingSubmissions(t.ctx, 0)).toBeGreaterThanOrEqual(1);
    expect(await t.ctx.queues.queue('intake').getJob(`submission-${s.submissionId}`)).toBeDefined();
  });
});
