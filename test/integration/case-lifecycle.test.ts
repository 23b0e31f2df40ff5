// Transitions persisted with their audit events and clocks, on a real database, with a fake clock
// that walks across Tết 2026 (14–22/02/2026 off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { parseInput } from '../../src/core/validation.js';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { fromDbDate } from '../../src/calendar/local-date.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-02-10T03:00:00Z')); // Tuesday 10/02/2026, 10:00 in Hà Nội
let t: TestContext;
let receiver: { type: 'staff'; staffId: string; role: 'receiver' };
let handler: { type: 'staff'; staffId: string; role: 'handler' };

beforeAll(async () => {
  t = await createTestContext({ clock });
  const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const mk = (fullName: string) =>
    t.ctx.db.prisma.staff.create({ data: { organizationId: org.id, fullName } });
  receiver = { type: 'staff', staffId: (await mk('Cán bộ tiếp nhận')).id, role: 'receiver' };
  handler = { type: 'staff', staffId: (await mk('Cán bộ xử lý')).id, role: 'handler' };
});
afterAll(async () => {
  await t.cleanup();
});

let n = 0;
async function newCase(kind: string) {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `lc-${Date.now()}-${n++}`,
    channel: 'web',
    kind,
    text: 'Nội dung thử nghiệm',
    unitCode: 'ta-knoi',
  });
  await submitSubmission(t.ctx, s);
  return (await processSubmission(t.ctx, s.submissionId)).caseId;
}

const clocksOf = async (caseId: string) =>
  Object.fromEntries(
    (await t.ctx.db.prisma.clock.findMany({ where: { caseId } })).map((c) => [
      c.kind,
      { status: c.status, dueOn: fromDbDate(c.dueOn), startedOn: fromDbDate(c.startedOn) },
    ]),
  );

describe('case lifecycle', () => {
  it('starts the internal answer clock on receipt, counted past Tết', async () => {
    clock.set(new Date('2026-02-10T03:00:00Z'));
    const id = await newCase('report');
    // 11, 12, 13/02, then 23–27/02, 02–03/03: ten working days.
    expect(await clocksOf(id)).toEqual({
      internal_answer: { status: 'running', startedOn: '2026-02-10', dueOn: '2026-03-03' },
    });
  });

  it('starts the statutory clocks of a complaint only when the signed đơn is recorded, then on acceptance', async () => {
    clock.set(new Date('2026-02-10T03:00:00Z'));
    const id = await newCase('complaint');
    await expect(
      applyCaseAction(t.ctx, { caseId: id, action: 'accept', actor: receiver }),
    ).rejects.toMatchObject({
      code: 'illegal_transition',
    });

    // The đơn reaches the office two days later; its date is not taken before it exists.
    clock.set(new Date('2026-02-12T03:00:00Z'));
    await applyCaseAction(t.ctx, {
      caseId: id,
      action: 'record_petition_document',
      actor: receiver,
      params: { receivedOn: '2026-02-12' },
    });
    expect((await clocksOf(id)).complaint_acceptance).toEqual({
      status: 'running',
      startedOn: '2026-02-12',
      dueOn: '2026-03-05',
    });

    clock.set(new Date('2026-03-02T03:00:00Z'));
    await applyCaseAction(t.ctx, { caseId: id, action: 'accept', actor: receiver });
    const clocks = await clocksOf(id);
    expect(clocks.complaint_acceptance!.status).toBe('stopped');
    // 30 calendar days from 02/03/2026 end on Wednesday 01/04/2026, a working day.
    expect(clocks.complaint_resolution_first).toEqual({
      status: 'running',
      startedOn: '2026-03-02',
      dueOn: '2026-04-01',
    });

    const events = await t.ctx.db.prisma.caseEvent.findMany({
      where: { caseId: id },
      orderBy: { createdAt: 'asc' },
    });
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorRole])).toEqual([
      ['receive', null, 'received', null],
      ['record_petition_document', 'received', 'received', 'receiver'],
      ['accept', 'received', 'accepted', 'receiver'],
    ]);
    expect(events[2]!.actorStaffId).toBe(receiver.staffId);
  });

  it('refuses an illegal move and leaves the case, its events and its clocks untouched', async () => {
    clock.set(new Date('2026-03-02T03:00:00Z'));
    const id = await newCase('report');
    const before = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    const clocksBefore = await clocksOf(id);
    await expect(
      applyCaseAction(t.ctx, {
        caseId: id,
        action: 'resolve',
        actor: handler,
        params: { outcome: 'valid', answer: 'Đã xử lý' },
      }),
    ).rejects.toMatchObject({ code: 'illegal_transition', message: expect.stringContaining('Đã tiếp nhận') });
    await expect(
      applyCaseAction(t.ctx, {
        caseId: id,
        action: 'accept',
        actor: { type: 'staff', staffId: handler.staffId, role: 'hotline' },
      }),
    ).rejects.toMatchObject({ code: 'illegal_transition' });
    const after = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    expect(after).toEqual(before);
    expect(await t.ctx.db.prisma.caseEvent.count({ where: { caseId: id } })).toBe(1);
    expect(await clocksOf(id)).toEqual(clocksBefore);
  });

  it('walks accept → assign → start → pause → resume → resolve, moving the due date by the paused days', async () => {
    clock.set(new Date('2026-03-02T03:00:00Z')); // Monday
    const id = await newCase('petition');
    const unit = await t.ctx.db.prisma.unit.findUniqueOrThrow({ where: { code: 'ta-kngoai' } });
    await applyCaseAction(t.ctx, { caseId: id, action: 'accept', actor: receiver });
    await applyCaseAction(t.ctx, {
      caseId: id,
      action: 'assign',
      actor: receiver,
      params: { unitId: unit.id },
    });
    await applyCaseAction(t.ctx, { caseId: id, action: 'start', actor: handler });
    const dueBefore = (await clocksOf(id)).internal_answer!.dueOn; // 16/03/2026

    clock.set(new Date('2026-03-04T03:00:00Z')); // Wednesday
    await applyCaseAction(t.ctx, {
      caseId: id,
      action: 'pause',
      actor: handler,
      params: { reason: 'Chờ kết quả xác minh' },
    });
    expect((await clocksOf(id)).internal_answer!.status).toBe('paused');
    clock.set(new Date('2026-03-09T03:00:00Z')); // next Monday: Wed, Thu, Fri did not count
    await applyCaseAction(t.ctx, { caseId: id, action: 'resume', actor: handler });
    const resumed = (await clocksOf(id)).internal_answer!;
    expect(resumed.status).toBe('running');
    expect(dueBefore).toBe('2026-03-16');
    expect(resumed.dueOn).toBe('2026-03-19');

    await applyCaseAction(t.ctx, {
      caseId: id,
      action: 'resolve',
      actor: handler,
      params: { outcome: 'partly_valid', answer: 'Khoa đã bố trí thêm ghế chờ.' },
    });
    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: 'resolved', outcome: 'partly_valid', unitId: unit.id, paused: false });
    expect(c.resolvedAt).toEqual(new Date('2026-03-09T03:00:00Z'));
    // The due date in force at the answer stays on the case, for reports' "on time".
    expect(c.answeredDueOn?.toISOString().slice(0, 10)).toBe('2026-03-19');
    expect((await clocksOf(id)).internal_answer!.status).toBe('stopped');
    const actions = (
      await t.ctx.db.prisma.caseEvent.findMany({ where: { caseId: id }, orderBy: { createdAt: 'asc' } })
    ).map((e) => e.action);
    expect(actions).toEqual(['receive', 'accept', 'assign', 'start', 'pause', 'resume', 'resolve']);
  });

  it('refuses a concurrent change made from a stale read', async () => {
    clock.set(new Date('2026-03-02T03:00:00Z'));
    const id = await newCase('report');
    const results = await Promise.allSettled([
      applyCaseAction(t.ctx, { caseId: id, action: 'accept', actor: receiver }),
      applyCaseAction(t.ctx, {
        caseId: id,
        action: 'refuse',
        actor: receiver,
        params: { groundId: 'not-actionable', reason: 'Tin nhắn thử' },
      }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    const events = await t.ctx.db.prisma.caseEvent.count({ where: { caseId: id } });
    // Exactly as many events as successful moves, and the version counts them.
    expect(events).toBe(1 + ok.length);
    expect(c.version).toBe(ok.length);
  });

  it('re-reads and re-plans a move that pinned no version when another move landed first; a pinned one is refused', async () => {
    clock.set(new Date('2026-03-02T03:00:00Z'));
    const id = await newCase('report');
    const stale = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    // Another move lands between this caller's read and its write: the intake worker routing it.
    await applyCaseAction(t.ctx, {
      caseId: id,
      action: 'assign',
      actor: { type: 'system' },
      params: { unitId: stale.unitId! },
    });

    const accept = { caseId: id, action: 'accept', actor: receiver, current: stale } as const;
    await expect(applyCaseAction(t.ctx, { ...accept, expectedVersion: stale.version })).rejects.toMatchObject(
      {
        code: 'conflict',
      },
    );
    expect(await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'assigned',
      version: stale.version + 1,
    });

    // The same move from the same stale read, unpinned: planned again on the assigned case.
    expect(await applyCaseAction(t.ctx, accept)).toMatchObject({ from: 'assigned', to: 'accepted' });
    expect(await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'accepted',
      version: stale.version + 2,
    });
    expect(await t.ctx.db.prisma.caseEvent.count({ where: { caseId: id } })).toBe(3);
  });
});
