// Decision 0098: a submission becomes its case in one statement, and the worker hands the case and
// its clocks on as it wrote them. These tests hold the rows it hands on to the rows in the database,
// the defaults it fills to the schema's, and the one-case guarantee to two workers at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { insertCase } from '../../src/cases/case.repository.js';
import { listClocks } from '../../src/deadlines/clock.repository.js';
import { processSubmission } from '../../src/intake/process-submission.js';
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

const submission = submissionMaker('pss', {
  channel: 'web',
  kind: 'complaint',
  text: 'Nhân viên quầy thu ngân không trả lại tiền thừa, số của tôi 0912 345 678',
  place: 'Quầy thu ngân số 2',
  unitCode: 'ta-knhi',
  contact: { name: 'Trần Văn Bình', phone: '0912345678' },
});

describe('processSubmission in one statement', () => {
  it('hands on the case and clocks exactly as the database holds them', async () => {
    const s = submission();
    await submitSubmission(t.ctx, s);
    const result = await processSubmission(t.ctx, s.submissionId);
    expect(result.created).toBe(true);

    const stored = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: result.caseId } });
    expect(result.made?.case).toEqual(stored);
    expect(stored.governingClockKind).toBe('internal_answer');
    expect(stored.governingDueOn).not.toBeNull();
    expect(result.made?.clocks).toEqual(await listClocks(t.ctx.db.prisma, result.caseId));
    expect(result.made?.clocks.map((c) => c.kind)).toEqual(['internal_answer']);

    const row = await t.ctx.db.prisma.intakeSubmission.findUniqueOrThrow({ where: { id: s.submissionId } });
    expect(row).toMatchObject({ status: 'processed', caseId: result.caseId, payloadCiphertext: null });
    const identity = await t.ctx.db.prisma.senderIdentity.findUniqueOrThrow({
      where: { caseId: result.caseId },
    });
    expect(identity.revealable).toBe(true);
    expect(t.ctx.sealedBox.openJson(identity.ciphertext)).toMatchObject({
      contact: { name: 'Trần Văn Bình', phone: '0912345678' },
    });
    const events = await t.ctx.db.prisma.caseEvent.findMany({ where: { caseId: result.caseId } });
    expect(events.map((e) => [e.action, e.toStatus, e.data])).toEqual([
      [
        'receive',
        'received',
        { channel: 'web', kind: 'complaint', audience: 'citizen', submissionId: s.submissionId },
      ],
    ]);
    const feed = await t.ctx.db.prisma.caseFeedEvent.findMany({ where: { caseId: result.caseId } });
    expect(feed.map((f) => [f.type, f.sequence, f.caseEventId])).toEqual([
      ['case.created', 1, events[0]!.id],
    ]);
    expect(feed[0]!.payload).toMatchObject({ case: { organization: expect.any(String), unit: 'ta-knhi' } });
  });

  it('fills every other column as Prisma does from the schema (newCaseRow)', async () => {
    const s = submission();
    await submitSubmission(t.ctx, s);
    const { made } = await processSubmission(t.ctx, s.submissionId);
    const mine = made!.case;
    // The same fields through Prisma's create: any default that differs shows here.
    const { id, code, submissionId, createdAt, updatedAt, searchText, ...fields } = mine;
    void [id, code, submissionId, createdAt, updatedAt, searchText];
    const other = uuidv7();
    const prismas = await insertCase(t.ctx.db.prisma, {
      ...fields,
      id: other,
      code: `PSS-${Date.now()}`,
      submissionId: null,
    });
    expect({ ...mine, id: other, code: prismas.code, submissionId: null }).toEqual({
      ...prismas,
      createdAt: mine.createdAt,
      updatedAt: mine.updatedAt,
    });
  });

  it('makes one case when two workers take the same submission at once', async () => {
    const s = submission();
    await submitSubmission(t.ctx, s);
    const runs = await Promise.all([
      processSubmission(t.ctx, s.submissionId),
      processSubmission(t.ctx, s.submissionId),
      processSubmission(t.ctx, s.submissionId),
    ]);
    expect(runs.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(runs.map((r) => r.caseId)).size).toBe(1);
    const cases = await t.ctx.db.prisma.case.findMany({ where: { submissionId: s.submissionId } });
    expect(cases).toHaveLength(1);
    expect(await t.ctx.db.prisma.clock.count({ where: { caseId: cases[0]!.id } })).toBe(1);
    expect(await t.ctx.db.prisma.caseEvent.count({ where: { caseId: cases[0]!.id } })).toBe(1);
  });
});
