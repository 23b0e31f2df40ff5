// Decision 0099: a move that writes only the case row and its event is one statement. These tests
// hold that statement to what the transaction wrote: the columns, the version, the event and the
// feed's row after the case's earlier ones, and nothing at all when the version is stale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { newCaseEventId, updateCaseAtVersionWithEvent } from '../../src/cases/case.repository.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { routeCase } from '../../src/routing/route-case.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { submissionMaker } from '../helpers/submissions.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let receiver: { type: 'staff'; staffId: string; role: 'receiver' };
let unitId: string;
beforeAll(async () => {
  t = await createTestContext();
  const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const staff = await t.ctx.db.prisma.staff.create({
    data: { organizationId: org.id, fullName: 'Cán bộ tiếp nhận' },
  });
  receiver = { type: 'staff', staffId: staff.id, role: 'receiver' };
  unitId = (await t.ctx.db.prisma.unit.findUniqueOrThrow({ where: { code: 'ta-knoi' } })).id;
});
afterAll(async () => {
  await t.cleanup();
});

const submission = submissionMaker('cms', {
  channel: 'web',
  kind: 'report',
  text: 'Phòng chờ khoa Nội không có nước uống',
  unitCode: 'ta-knhi',
});

async function newCase() {
  const s = submission();
  await submitSubmission(t.ctx, s);
  return (await processSubmission(t.ctx, s.submissionId)).caseId;
}

describe('a move that writes only the case, in one statement', () => {
  it('writes the columns, the version, the event and the feed row after the case’s first', async () => {
    const id = await newCase();
    const before = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    const moved = await applyCaseAction(t.ctx, {
      caseId: id,
      action: 'assign',
      actor: receiver,
      params: { unitId, reason: 'Thuộc khoa Nội' },
    });
    expect([moved.from, moved.to]).toEqual(['received', 'assigned']);

    const after = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ status: 'assigned', unitId, version: before.version + 1 });
    // The case handed on is the row as written.
    expect(moved.caseRow).toEqual(after);
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    const event = await t.ctx.db.prisma.caseEvent.findUniqueOrThrow({ where: { id: moved.eventId } });
    expect(event).toMatchObject({
      action: 'assign',
      fromStatus: 'received',
      toStatus: 'assigned',
      actorStaffId: receiver.staffId,
      reason: 'Thuộc khoa Nội',
    });
    expect(JSON.parse(JSON.stringify(event.data))).toEqual(moved.event.data);
    const feed = await t.ctx.db.prisma.caseFeedEvent.findMany({
      where: { caseId: id },
      orderBy: { sequence: 'asc' },
    });
    expect(feed.map((f) => [f.type, f.sequence])).toEqual([
      ['case.created', 1],
      ['case.status_changed', 2],
    ]);
    expect(feed[1]!.caseEventId).toBe(moved.eventId);
    expect(feed[1]!.payload).toMatchObject({ sequence: 2, case: { status: 'assigned', unit: 'ta-knoi' } });
  });

  it('writes nothing when the case moved since its version was read', async () => {
    const id = await newCase();
    const current = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    const eventId = newCaseEventId();
    const write = (version: number) =>
      updateCaseAtVersionWithEvent(
        t.ctx.db.prisma,
        { id, version },
        { status: 'assigned', unitId, petitionDateCorrectedAt: new Date('2026-03-04T05:06:07.089Z') },
        {
          id: eventId,
          action: 'assign',
          fromStatus: 'received',
          toStatus: 'assigned',
          actorType: 'system',
          at: new Date(),
          caseRow: { ...current, status: 'assigned' },
        },
      );
    expect(await write(current.version + 1)).toBeNull();
    expect(await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } })).toEqual(current);
    expect(await t.ctx.db.prisma.caseEvent.count({ where: { id: eventId } })).toBe(0);
    expect(await t.ctx.db.prisma.caseFeedEvent.count({ where: { caseId: id } })).toBe(1);

    expect(await write(current.version)).toMatchObject({ version: current.version + 1 });
    const after = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    expect(after.petitionDateCorrectedAt).toEqual(new Date('2026-03-04T05:06:07.089Z'));
    expect(after).toMatchObject({ status: 'assigned', unitId, version: current.version + 1 });
    expect(await t.ctx.db.prisma.caseFeedEvent.count({ where: { caseId: id } })).toBe(2);
  });

  it('hands routing’s assignment of a case just made on as the row the database holds', async () => {
    const s = submission();
    await submitSubmission(t.ctx, s);
    const { caseId, made } = await processSubmission(t.ctx, s.submissionId);
    expect(made?.attachments).toBe(0);
    const routed = await routeCase(t.ctx, caseId, { justMade: made!.case, callerPostsCards: true });
    expect(routed).toMatchObject({ status: 'routed', assigned: true });
    const stored = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(stored.status).toBe('assigned');
    expect(routed.caseRow).toEqual(stored);
  });
});
