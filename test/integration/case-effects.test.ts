// Every effect a move declares is carried out, once: each test here fails if the executor drops
// the effect it is about (run-case-effects.ts, case-effects.ts). The effects job is run the way the
// worker runs it (runCaseEffects with the event id), after checking the job was queued.
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDbDate, type LocalDate } from '../../src/calendar/local-date.js';
import {
  batchClockWrites,
  listClocks,
  rowToClock,
  upsertClock,
} from '../../src/deadlines/clock.repository.js';
import { applyCaseAction, type CaseActor } from '../../src/cases/case-lifecycle.service.js';
import { closeOverdueResolvedCases, closeResolvedCaseIfDue } from '../../src/cases/auto-close.js';
import { requeuePendingCaseEffects } from '../../src/cases/case-effects.queue.js';
import { runCaseEffects } from '../../src/cases/run-case-effects.js';
import { findMergedDuplicateIds, findSenderNoticeFacts } from '../../src/cases/case.repository.js';
import { recordSatisfaction } from '../../src/cases/record-satisfaction.js';
import type { AppContext } from '../../src/app-context.js';
import { fixedClock } from '../../src/core/clock.js';
import { parseInput } from '../../src/core/validation.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { fireMilestone } from '../../src/deadlines/fire-milestone.js';
import { routeCase } from '../../src/routing/route-case.js';
import { createIntakeHandler, senderNoticeInHand } from '../../workers/intake.handler.js';
import { interceptRawQueries } from '../helpers/intercept-raw-queries.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Monday 02/03/2026, 09:00 in Hà Nội
let t: TestContext;
let receiver: CaseActor;
let leader: CaseActor;
let handlerId: string;
let headId: string;

beforeAll(async () => {
  t = await createTestContext({ clock });
  const { prisma } = t.ctx.db;
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const unit = await prisma.unit.update({ where: { code: 'ta-knoi' }, data: { telegramChatId: '-100555' } });
  const mk = async (fullName: string, role: 'receiver' | 'leader' | 'handler' | 'unit_head', tg: string) =>
    (
      await prisma.staff.create({
        data: {
          organizationId: org.id,
          fullName,
          telegramUserId: tg,
          roles: {
            create: [
              {
                organizationId: org.id,
                role,
                unitId: role === 'handler' || role === 'unit_head' ? unit.id : null,
              },
            ],
          },
        },
      })
    ).id;
  receiver = { type: 'staff', staffId: await mk('Cán bộ tiếp nhận', 'receiver', '7101'), role: 'receiver' };
  leader = { type: 'staff', staffId: await mk('Giám đốc', 'leader', '7102'), role: 'leader' };
  handlerId = await mk('Cán bộ xử lý Khoa Nội', 'handler', '7103');
  headId = await mk('Trưởng khoa Nội', 'unit_head', '7104');
});
afterAll(async () => {
  await t.cleanup();
});

let n = 0;
async function newCase(
  kind: string,
  handle: string | null = String(8_100_000 + n),
  locale?: 'en',
): Promise<string> {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `fx-${Date.now()}-${n++}`,
    channel: 'web',
    kind,
    text: 'Bác sĩ trực đêm không thăm khám, người nhà phải chờ ba giờ.',
    unitCode: 'ta-knoi',
  });
  await submitSubmission(t.ctx, s);
  const { caseId } = await processSubmission(t.ctx, s.submissionId);
  if (handle) {
    const ciphertext = Buffer.from(
      t.ctx.sealedBox.sealJson({
        replyTo: { channel: 'telegram', conversationId: handle, ...(locale ? { locale } : {}) },
      }),
    );
    await t.ctx.db.prisma.senderIdentity.upsert({
      where: { caseId },
      create: { caseId, ciphertext, keyId: 'test' },
      update: { ciphertext },
    });
  }
  return caseId;
}

/** Applies a move, checks its effects job was queued under the event id, and runs it like the worker. */
async function move(input: Parameters<typeof applyCaseAction>[1]) {
  const result = await applyCaseAction(t.ctx, input);
  const event = await t.ctx.db.prisma.caseEvent.findUniqueOrThrow({ where: { id: result.eventId } });
  // The event the move hands its caller (who may run the effects from it) is the one stored.
  expect(result.event).toEqual({
    caseId: event.caseId,
    eventId: event.id,
    action: event.action,
    reason: event.reason,
    actorStaffId: event.actorStaffId,
    actorType: event.actorType,
    data: event.data,
  });
  if (event.effectsDoneAt === null) {
    const job = await t.ctx.queues.queue('cases').getJob(`case-effects-${result.eventId}`);
    expect(job?.data).toEqual({ eventId: result.eventId });
    expect(await runCaseEffects(t.ctx, result.eventId)).toBe('done');
    expect(await runCaseEffects(t.ctx, result.eventId)).toBe('already_done');
  }
  return result;
}

const clocksOf = async (caseId: string) =>
  Object.fromEntries(
    (await t.ctx.db.prisma.clock.findMany({ where: { caseId } })).map((c) => [
      c.kind,
      { status: c.status, dueOn: fromDbDate(c.dueOn) },
    ]),
  );

const notificationsOf = (caseId: string) =>
  t.ctx.db.prisma.notification.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });

const caseOf = (caseId: string) => t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });

describe('reclassify', () => {
  it('stops the statutory clocks a petition does not have, with the reason, and silences their milestones', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('denunciation');
    await move({
      caseId: id,
      action: 'record_petition_document',
      actor: receiver,
      params: { receivedOn: '2026-03-02' },
    });
    clock.set(new Date('2026-03-03T02:00:00Z'));
    await move({ caseId: id, action: 'accept', actor: receiver });
    expect((await clocksOf(id)).denunciation_resolution).toMatchObject({ status: 'running' });
    expect(await caseOf(id)).toMatchObject({ governingClockKind: 'denunciation_resolution' });
    const statutory = await t.ctx.db.prisma.clock.findFirstOrThrow({
      where: { caseId: id, kind: 'denunciation_resolution' },
    });

    const done = await move({
      caseId: id,
      action: 'reclassify',
      actor: receiver,
      params: { newKind: 'petition', reason: 'Nội dung là đề nghị cải tiến, không tố cáo ai' },
    });
    const clocks = await clocksOf(id);
    expect(clocks.denunciation_resolution!.status).toBe('stopped');
    expect(clocks.internal_answer!.status).toBe('running');
    const c = await caseOf(id);
    expect(c).toMatchObject({ kind: 'petition', governingClockKind: 'internal_answer' });
    expect(fromDbDate(c.governingDueOn!)).toBe(clocks.internal_answer!.dueOn);
    const event = await t.ctx.db.prisma.caseEvent.findUniqueOrThrow({ where: { id: done.eventId } });
    expect(event.data).toMatchObject({
      clocksStopped: ['denunciation_resolution'],
      clockChangeReason: expect.stringContaining('Tố cáo sang Kiến nghị'),
    });
    // A reminder planned for the stopped clock finds nothing to do.
    const fired = await fireMilestone(
      t.ctx,
      {},
      {
        clockId: statutory.id,
        milestone: 'overdue',
        dueOn: fromDbDate(statutory.dueOn),
      },
    );
    expect(fired).toMatchObject({ status: 'skipped', reason: 'not_running' });
    // The internal clock's milestones are the ones scheduled now.
    const internal = await t.ctx.db.prisma.clock.findFirstOrThrow({
      where: { caseId: id, kind: 'internal_answer' },
    });
    const delayed = await t.ctx.queues.queue('deadlines').getDelayed();
    expect(delayed.some((j) => (j.id ?? '').startsWith(`milestone-${internal.id}-`))).toBe(true);
  });

  it('starts the clocks a complaint needs at the point the case has reached', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('denunciation');
    await move({
      caseId: id,
      action: 'record_petition_document',
      actor: receiver,
      params: { receivedOn: '2026-03-02' },
    });
    expect((await clocksOf(id)).denunciation_initial!.status).toBe('running');
    await move({
      caseId: id,
      action: 'reclassify',
      actor: leader,
      params: { newKind: 'complaint', reason: 'Người gửi khiếu nại quyết định của khoa' },
    });
    const clocks = await clocksOf(id);
    expect(clocks.denunciation_initial!.status).toBe('stopped');
    // 10 working days from 02/03/2026.
    expect(clocks.complaint_acceptance).toEqual({ status: 'running', dueOn: '2026-03-16' });
    expect((await caseOf(id)).governingClockKind).toBe('complaint_acceptance');
  });
});

describe('the governing deadline', () => {
  it('is refreshed once at the end of a batch of clock writes, and at once by a write outside one', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('petition');
    const row = await t.ctx.db.prisma.clock.findFirstOrThrow({
      where: { caseId: id, kind: 'internal_answer' },
    });
    const before = (await caseOf(id)).governingDueOn;
    const later = '2026-04-30' as LocalDate;
    const inside = await t.ctx.db.prisma.$transaction(async (tx) => {
      const seen = await batchClockWrites(tx, async () => {
        await upsertClock(tx, id, rowToClock(row), later, 'running', clock.now());
        return (await tx.case.findUniqueOrThrow({ where: { id } })).governingDueOn;
      });
      return { seen, after: (await tx.case.findUniqueOrThrow({ where: { id } })).governingDueOn };
    });
    expect(inside.seen).toEqual(before);
    expect(fromDbDate(inside.after!)).toBe(later);

    const earlier = '2026-04-20' as LocalDate;
    await t.ctx.db.prisma.$transaction(async (tx) => {
      await upsertClock(tx, id, rowToClock(row), earlier, 'running', clock.now());
      expect(fromDbDate((await tx.case.findUniqueOrThrow({ where: { id } })).governingDueOn!)).toBe(earlier);
    });
  });
});

describe('reminders follow the governing clock', () => {
  it('does not escalate the internal clock of a complaint whose statutory clock runs (and was extended)', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('complaint');
    await move({
      caseId: id,
      action: 'record_petition_document',
      actor: receiver,
      params: { receivedOn: '2026-03-02' },
    });
    await move({ caseId: id, action: 'accept', actor: leader });
    await move({
      caseId: id,
      action: 'extend',
      actor: { type: 'staff', staffId: headId, role: 'unit_head' },
      params: { days: 15, reason: 'Vụ việc phức tạp, cần xác minh thêm' },
    });
    const internal = await t.ctx.db.prisma.clock.findFirstOrThrow({
      where: { caseId: id, kind: 'internal_answer' },
    });
    expect((await caseOf(id)).governingClockKind).toBe('complaint_resolution_first');
    // The internal answer date has passed; the law's (extended) date has not.
    clock.set(new Date('2026-03-20T02:00:00Z'));
    const fired = await fireMilestone(
      t.ctx,
      {},
      {
        clockId: internal.id,
        milestone: 'overdue',
        dueOn: fromDbDate(internal.dueOn),
      },
    );
    expect(fired).toMatchObject({ status: 'skipped', reason: 'not_applicable' });
  });
});

describe('auto-close', () => {
  const resolve = (caseId: string, actor: CaseActor = leader) =>
    move({
      caseId,
      action: 'resolve',
      actor,
      params: { outcome: 'valid', answer: 'Khoa đã bố trí thêm bác sĩ trực đêm.' },
    });

  it('closes a resolved case once, 20 working days after its resolution', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('report');
    await move({ caseId: id, action: 'accept', actor: receiver });
    const resolved = await resolve(id);
    const job = await t.ctx.queues.queue('cases').getJob(`auto-close-${resolved.eventId}`);
    expect(job?.data).toEqual({ caseId: id, resolveEventId: resolved.eventId });
    // 02/03/2026 + 20 working days = Monday 30/03/2026; it closes when that day ends.
    expect(job!.opts.delay).toBe(Date.parse('2026-03-30T17:00:00Z') - Date.parse('2026-03-02T02:00:00Z'));

    const input = { caseId: id, resolveEventId: resolved.eventId };
    clock.set(new Date('2026-03-30T10:00:00Z'));
    expect(await closeResolvedCaseIfDue(t.ctx, input)).toBe('early');
    clock.set(new Date('2026-03-30T17:00:00Z'));
    expect(await closeResolvedCaseIfDue(t.ctx, input)).toBe('closed');
    expect(await closeResolvedCaseIfDue(t.ctx, input)).toBe('not_resolved');
    const closes = await t.ctx.db.prisma.caseEvent.findMany({ where: { caseId: id, action: 'close' } });
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({
      actorType: 'system',
      reason: expect.stringContaining('20 ngày làm việc'),
    });
  });

  it('does not close a case the sender reopened, nor with the wait of an older resolution', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('report');
    await move({ caseId: id, action: 'accept', actor: receiver });
    const first = await resolve(id);
    clock.set(new Date('2026-03-05T02:00:00Z'));
    await move({
      caseId: id,
      action: 'reopen',
      actor: { type: 'sender' },
      params: { reason: 'Vẫn chưa có bác sĩ trực' },
    });
    clock.set(new Date('2026-04-30T02:00:00Z'));
    expect(await closeResolvedCaseIfDue(t.ctx, { caseId: id, resolveEventId: first.eventId })).toBe(
      'not_resolved',
    );
    clock.set(new Date('2026-04-01T02:00:00Z'));
    const second = await resolve(id);
    clock.set(new Date('2026-06-30T02:00:00Z'));
    expect(await closeResolvedCaseIfDue(t.ctx, { caseId: id, resolveEventId: first.eventId })).toBe(
      'superseded',
    );
    // The sweep closes what a lost job would have: by the latest resolution.
    await t.ctx.queues.queue('cases').remove(`auto-close-${second.eventId}`);
    expect(await closeOverdueResolvedCases(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await caseOf(id)).status).toBe('closed');
  });
});

describe('the people who must act hear of it', () => {
  it('sends the card to the person a case is assigned to, and again when the sender reopens it', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('report');
    const assigned = await move({
      caseId: id,
      action: 'assign',
      actor: { type: 'staff', staffId: headId, role: 'unit_head' },
      params: { assigneeId: handlerId },
    });
    const toHandler = (await notificationsOf(id)).filter((x) =>
      x.dedupeKey.startsWith(`case:${id}:card:staff:${handlerId}:event:`),
    );
    expect(toHandler.map((x) => x.dedupeKey)).toEqual([
      `case:${id}:card:staff:${handlerId}:event:${assigned.eventId}`,
    ]);
    expect(JSON.stringify(toHandler[0]!.content)).toContain('giao cho bạn');

    await move({
      caseId: id,
      action: 'start',
      actor: { type: 'staff', staffId: handlerId, role: 'handler' },
    });
    await move({
      caseId: id,
      action: 'resolve',
      actor: { type: 'staff', staffId: handlerId, role: 'handler' },
      params: { outcome: 'not_valid', answer: 'Đã kiểm tra lịch trực, có bác sĩ trực đủ.' },
    });
    const reopened = await move({
      caseId: id,
      action: 'reopen',
      actor: { type: 'sender' },
      params: { reason: 'Tôi có ảnh chụp lúc không có ai trực' },
    });
    const again = (await notificationsOf(id)).find(
      (x) => x.dedupeKey === `case:${id}:card:staff:${handlerId}:event:${reopened.eventId}`,
    );
    expect(JSON.stringify(again?.content)).toContain('mở lại');
  });

  it('posts the card to the new unit group on a move to another unit, and tells the sender which unit', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('report', '8199001');
    const nhi = await t.ctx.db.prisma.unit.update({
      where: { code: 'ta-knhi' },
      data: { telegramChatId: '-100556' },
    });
    const assigned = await move({
      caseId: id,
      action: 'assign',
      actor: receiver,
      params: { unitId: nhi.id },
    });
    const keys = (await notificationsOf(id)).map((x) => x.dedupeKey);
    expect(keys).toContain(`case:${id}:card:unit:${nhi.id}:event:${assigned.eventId}`);
    expect(keys).toContain(`case:${id}:event:${assigned.eventId}:sender`);
  });
});

describe('resolution', () => {
  it('asks the senders of merged duplicates for their satisfaction too, each under their own code', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const master = await newCase('report', '8200001');
    const dup = await newCase('report', '8200002');
    await move({ caseId: dup, action: 'merge', actor: receiver, params: { masterCaseId: master } });
    await move({ caseId: master, action: 'accept', actor: receiver });
    await move({
      caseId: master,
      action: 'resolve',
      actor: leader,
      params: { outcome: 'valid', answer: 'Khoa đã bố trí thêm bác sĩ trực đêm.' },
    });
    const dupCode = (await caseOf(dup)).code;
    const asked = (await notificationsOf(dup)).filter((x) => x.dedupeKey.includes(':satisfaction:follower:'));
    expect(asked).toHaveLength(1);
    expect(JSON.stringify(asked[0]!.content)).toContain(dupCode);
    expect((await notificationsOf(master)).some((x) => x.dedupeKey.endsWith(':satisfaction'))).toBe(true);
    // Their answer is taken for their own item.
    const rated = await recordSatisfaction(t.ctx, {
      code: dupCode,
      score: 4,
      conversation: { channel: 'telegram', conversationId: '8200002' },
    });
    expect(rated).toMatchObject({ changed: true, score: 4 });
    // The apology the table calls for is drafted for the head to sign.
    expect(
      await t.ctx.db.prisma.letter.findMany({ where: { caseId: master, kind: 'apology' } }),
    ).toHaveLength(1);
  });

  it('tells the sender the governing deadline and its basis once a statutory clock runs', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('complaint', '8300001');
    const recorded = await move({
      caseId: id,
      action: 'record_petition_document',
      actor: receiver,
      params: { receivedOn: '2026-03-02' },
    });
    const notice = (await notificationsOf(id)).find(
      (x) => x.dedupeKey === `case:${id}:event:${recorded.eventId}:sender`,
    );
    const text = JSON.stringify(notice?.content);
    expect(text).toContain('Hạn thụ lý khiếu nại: 16/03/2026');
    expect(text).toContain('Luật Khiếu nại');
    // The date and the names come from the notice's one statement (decision 0100).
    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id },
      include: { organization: true },
    });
    expect(text).toContain(`Hồ sơ ${c.code} (${c.organization.name})`);
    expect(text).toContain('(ngày nhận đơn 02/03/2026)');
  });

  it('reads what a notice is made of in one statement, as Prisma reads each part', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const master = await newCase('complaint', '8350001');
    const first = await newCase('complaint', '8350002');
    const second = await newCase('complaint', '8350003', 'en');
    const silent = await newCase('complaint', null);
    await move({
      caseId: master,
      action: 'record_petition_document',
      actor: receiver,
      params: { receivedOn: '2026-03-02' },
    });
    for (const dup of [second, first]) {
      await move({ caseId: dup, action: 'merge', actor: receiver, params: { masterCaseId: master } });
    }
    const { prisma } = t.ctx.db;
    const facts = await findSenderNoticeFacts(prisma, master);
    const c = await prisma.case.findUniqueOrThrow({
      where: { id: master },
      include: { unit: true, organization: true, identity: true },
    });
    expect(facts).toEqual({
      code: c.code,
      kind: c.kind,
      outcome: c.outcome,
      answer: c.answer,
      petitionReceivedOn: c.petitionReceivedOn,
      unitName: c.unit!.name,
      organizationName: c.organization.name,
      identity: expect.any(Uint8Array),
      followers: await findMergedDuplicateIds(prisma, master),
    });
    expect(facts!.followers.map((f) => f.id)).toEqual([first, second]);
    expect(Buffer.from(facts!.identity!)).toEqual(Buffer.from(c.identity!.ciphertext));
    expect(await findSenderNoticeFacts(prisma, silent)).toMatchObject({ identity: null, followers: [] });
    expect(await findSenderNoticeFacts(prisma, '00000000-0000-7000-8000-000000000000')).toBeNull();
  });

  it('tells a sender who wrote in English in English: moves, the answer, the merge note and the question', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const master = await newCase('report', '8400001', 'en');
    const dup = await newCase('report', '8400002', 'en');
    await move({ caseId: dup, action: 'merge', actor: receiver, params: { masterCaseId: master } });
    await move({ caseId: master, action: 'accept', actor: receiver });
    await move({
      caseId: master,
      action: 'resolve',
      actor: leader,
      params: { outcome: 'valid', answer: 'Khoa đã bố trí thêm bác sĩ trực đêm.' },
    });
    const texts = async (id: string) => (await notificationsOf(id)).map((x) => JSON.stringify(x.content));
    const own = await texts(master);
    expect(own.some((x) => x.includes('has been accepted for handling'))).toBe(true);
    expect(own.some((x) => x.includes('has been resolved. Conclusion: Valid.'))).toBe(true);
    expect(own.some((x) => /satisfied/.test(x))).toBe(true);
    expect(own.join('\n')).not.toMatch(/đã được tiếp nhận|đã có kết quả/);
    const follower = await texts(dup);
    expect(follower.some((x) => x.includes('was merged into this one'))).toBe(true);
  });
});

describe("a caller that runs its move's effects itself", () => {
  it('runs them from the event its move wrote, without reading it back, once', async () => {
    const id = await newCase('report');
    const eventReads: unknown[] = [];
    const prisma = t.ctx.db.prisma.$extends({
      query: {
        caseEvent: {
          async findUnique({ args, query }) {
            eventReads.push(args.where);
            return query(args);
          },
        },
      },
    }) as unknown as AppContext['db']['prisma'];
    const ctx: AppContext = { ...t.ctx, db: { ...t.ctx.db, prisma } };
    const done = await applyCaseAction(ctx, {
      caseId: id,
      action: 'accept',
      actor: receiver,
      callerRunsEffects: true,
    });
    expect(await t.ctx.queues.queue('cases').getJob(`case-effects-${done.eventId}`)).toBeUndefined();
    expect(await runCaseEffects(ctx, done.eventId, done.event)).toBe('done');
    expect(eventReads).toEqual([]);
    const notices = await t.ctx.db.prisma.notification.findMany({ where: { caseId: id } });
    expect(notices.map((n) => n.dedupeKey)).toContain(`case:${id}:event:${done.eventId}:sender`);
    expect(await runCaseEffects(ctx, done.eventId)).toBe('already_done');
  });

  it('is handed by the intake job the notice facts the statement reads, and reads none (0115)', async () => {
    const submit = async () => {
      const s = parseInput(ZSubmissionSchema, {
        submissionId: `fx-in-hand-${n++}`,
        channel: 'web',
        kind: 'complaint',
        text: 'Bác sĩ trực đêm không thăm khám, người nhà phải chờ ba giờ.',
        unitCode: 'ta-knoi',
        contact: { name: 'Trần Văn Bình', phone: '0912 345 678' },
      });
      await submitSubmission(t.ctx, s);
      return s;
    };
    const s = await submit();
    const { caseId, made } = await processSubmission(t.ctx, s.submissionId);
    const routing = await routeCase(t.ctx, caseId, {
      callerPostsCards: true,
      callerRunsEffects: true,
      justMade: made!.case,
    });
    const inHand = await senderNoticeInHand(t.ctx, made, routing.caseRow);
    const { prisma } = t.ctx.db;
    const read = await findSenderNoticeFacts(prisma, caseId);
    expect(read!.identity).not.toBeNull();
    expect(read!.unitName).not.toBeNull();
    expect({ ...inHand!.row, identity: Buffer.from(inHand!.row.identity!) }).toEqual({
      ...read,
      identity: Buffer.from(read!.identity!),
    });
    expect(inHand!.clocks).toEqual(await listClocks(prisma, caseId));
    // A case made before this run, or moved in a transaction, is read as any other.
    expect(await senderNoticeInHand(t.ctx, undefined, routing.caseRow)).toBeUndefined();
    expect(await senderNoticeInHand(t.ctx, made, undefined)).toBeUndefined();

    // The whole job: its assignment's effects run, and the notice's statement is not among its reads.
    const statements: string[] = [];
    const watched = interceptRawQueries(prisma, (query, run) => {
      statements.push(query.text);
      return run();
    });
    const { submissionId } = await submit();
    const job = createIntakeHandler({ ...t.ctx, db: { ...t.ctx.db, prisma: watched } });
    const { caseId: second } = (await job({ submissionId }, {} as Job)) as { caseId: string };
    const assigned = await prisma.caseEvent.findFirstOrThrow({ where: { caseId: second, action: 'assign' } });
    expect(assigned.effectsDoneAt).not.toBeNull();
    expect(statements.some((text) => text.includes('"caseId" = c.id) AS identity'))).toBe(false);
    expect(statements.length).toBeGreaterThan(0);
  });
});

describe('a crash between the commit and the job', () => {
  it('leaves the event pending; the recovery sweep queues its job again', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const id = await newCase('report');
    const done = await applyCaseAction(t.ctx, { caseId: id, action: 'accept', actor: receiver });
    const queue = t.ctx.queues.queue('cases');
    await queue.remove(`case-effects-${done.eventId}`);
    clock.set(new Date('2026-03-02T02:05:00Z'));
    expect(await requeuePendingCaseEffects(t.ctx)).toBeGreaterThanOrEqual(1);
    const job = await queue.getJob(`case-effects-${done.eventId}`);
    expect(job?.data).toEqual({ eventId: done.eventId });
    await runCaseEffects(t.ctx, done.eventId);
    expect(
      (await t.ctx.db.prisma.caseEvent.findUniqueOrThrow({ where: { id: done.eventId } })).effectsDoneAt,
    ).not.toBeNull();
  });
});
