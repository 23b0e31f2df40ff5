// The audit event is written by hand-written SQL, with its feed rows in the same statement
// (decision 0091): what Prisma's create wrote must still be there, column by column, and events of
// one instant must read back in the order they were written (the history sorts by time, then id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCaseEvent } from '../../src/cases/case.repository.js';
import { parseInput } from '../../src/core/validation.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let caseId: string;

beforeAll(async () => {
  t = await createTestContext();
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `events-${Date.now()}`,
    channel: 'web',
    kind: 'complaint',
    unitCode: 'ta-kkb',
    text: 'Chờ khám quá lâu.',
    contact: { phone: '0912 345 678' },
  });
  await submitSubmission(t.ctx, s);
  ({ caseId } = await processSubmission(t.ctx, s.submissionId));
});
afterAll(async () => {
  await t?.cleanup();
});

describe('appendCaseEvent', () => {
  it('writes every column as given, and the effects as pending or done', async () => {
    const at = new Date(Date.UTC(2026, 11, 7, 3, 4, 5, 678));
    const { organizationId } = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    const staff = await t.ctx.db.prisma.staff.create({ data: { organizationId, fullName: 'Cán bộ thử' } });
    const every = {
      caseId,
      action: 'note',
      fromStatus: 'assigned',
      toStatus: 'in_progress',
      actorType: 'staff',
      actorStaffId: staff.id,
      actorRole: 'unit_handler',
      reason: 'Đã gọi lại cho người bệnh',
      data: { n: 1, tên: 'Thử', list: [1, null, 'a'] },
    } as const;
    const [pending, done] = await t.ctx.db.prisma.$transaction(async (tx) => [
      await appendCaseEvent(tx, { ...every, at, effectsPending: true }),
      await appendCaseEvent(tx, { caseId, action: 'note', actorType: 'system', at }),
    ]);
    const rows = await t.ctx.db.prisma.caseEvent.findMany({
      where: { id: { in: [pending.id, done.id] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(rows).toEqual([
      { id: pending.id, ...every, effectsDoneAt: null, createdAt: at },
      {
        id: done.id,
        caseId,
        action: 'note',
        fromStatus: null,
        toStatus: null,
        actorType: 'system',
        actorStaffId: null,
        actorRole: null,
        reason: null,
        data: null,
        effectsDoneAt: at,
        createdAt: at,
      },
    ]);
  });

  it('keeps the order of writing among events of one instant', async () => {
    const at = new Date(Date.UTC(2026, 11, 7, 9, 0, 0));
    const ids: string[] = [];
    await t.ctx.db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 50; i++)
        ids.push(
          (await appendCaseEvent(tx, { caseId, action: 'note', actorType: 'system', at, data: { i } })).id,
        );
    });
    const rows = await t.ctx.db.prisma.caseEvent.findMany({
      where: { caseId, createdAt: at },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    expect(rows.map((r) => r.id)).toEqual(ids);
  });

  it('writes the feed rows of a reported move with the event, numbered after the last', async () => {
    const before = await t.ctx.db.prisma.caseFeedEvent.findMany({
      where: { caseId },
      select: { sequence: true },
    });
    const event = await t.ctx.db.prisma.$transaction((tx) =>
      appendCaseEvent(tx, {
        caseId,
        action: 'accept',
        fromStatus: 'received',
        toStatus: 'accepted',
        actorType: 'system',
        at: new Date(),
      }),
    );
    const feed = await t.ctx.db.prisma.caseFeedEvent.findMany({ where: { caseEventId: event.id } });
    expect(feed.length).toBeGreaterThan(0);
    expect(Math.min(...feed.map((f) => f.sequence))).toBe(Math.max(0, ...before.map((b) => b.sequence)) + 1);
  });
});
