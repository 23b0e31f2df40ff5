// Routing on a real database: decisions recorded with their reasons, assignment through the
// lifecycle, urgency, competence and the officers' scope that follows from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { applyStaffCaseAction } from '../../src/cases/apply-staff-case-action.js';
import { caseIdFromCode, viewCaseForStaff } from '../../src/cases/view-case-for-staff.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Prisma } from '../../src/db/generated/client.js';
import { parseInput } from '../../src/core/validation.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { createRoutingRule, rerouteCase, routeCase } from '../../src/routing/index.js';
import { recordRouting } from '../../src/routing/routing.repository.js';
import { createIntakeHandler } from '../../workers/intake.handler.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestContext;
const staff: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext({ clock });
  await createRoutingRule(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    unitCode: 'ta-kduoc',
    priority: 10,
    keywords: ['nhà thuốc', 'thuốc'],
  });
  await createRoutingRule(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    unitCode: 'ta-tckt',
    priority: 20,
    keywords: ['viện phí'],
  });
  const mk = async (key: string, organizationCode: string, roles: { role: never; unitCode?: string }[]) => {
    staff[key] = (await createStaff(t.ctx, { organizationCode, fullName: key, roles })).id;
  };
  await mk('receiver', 'ttyt-thuan-an', [{ role: 'receiver' as never }]);
  await mk('leader', 'ttyt-thuan-an', [{ role: 'leader' as never }]);
  await mk('handlerNoi', 'ttyt-thuan-an', [{ role: 'handler' as never, unitCode: 'ta-knoi' }]);
  await mk('headNoi', 'ttyt-thuan-an', [{ role: 'unit_head' as never, unitCode: 'ta-knoi' }]);
  await mk('handlerNgoai', 'ttyt-thuan-an', [{ role: 'handler' as never, unitCode: 'ta-kngoai' }]);
  await mk('sytLeader', 'syt-hcm', [{ role: 'leader' as never }]);
});
afterAll(async () => {
  await t.cleanup();
});

let n = 0;
async function newCase(fields: {
  kind?: string;
  text: string;
  unitCode?: string;
  organizationCode?: string;
}) {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `rt-${Date.now()}-${n++}`,
    channel: 'web',
    kind: fields.kind ?? 'report',
    text: fields.text,
    ...(fields.unitCode ? { unitCode: fields.unitCode } : {}),
    ...(fields.organizationCode ? { organizationCode: fields.organizationCode } : {}),
  });
  await submitSubmission(t.ctx, s);
  return (await processSubmission(t.ctx, s.submissionId)).caseId;
}

const eventsOf = (caseId: string) =>
  t.ctx.db.prisma.caseEvent.findMany({ where: { caseId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
const caseOf = (caseId: string) => t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
const unitId = async (code: string) => (await t.ctx.db.prisma.unit.findUniqueOrThrow({ where: { code } })).id;

describe('routeCase', () => {
  it('writes a decision and its events in one statement, or nothing when the case moved (decision 0093)', async () => {
    const id = await newCase({ text: 'Nhân viên nói trống không', unitCode: 'ta-knoi' });
    const before = await caseOf(id);
    const at = new Date(Date.UTC(2026, 2, 2, 3, 0, 0));
    const record = (version: number, requireReceived = true) =>
      recordRouting(t.ctx.db.prisma, {
        caseId: id,
        version,
        requireReceived,
        route: { data: { rule: 'qr_unit', reason: 'thử', unitId: null }, reason: 'thử' },
        urgentKeywords: ['cấp cứu'],
        at,
      });
    // A stale version: nothing is written, neither the case nor an event.
    expect(await record(before.version + 1)).toBeNull();
    expect(await caseOf(id)).toEqual(before);
    expect((await eventsOf(id)).map((e) => e.action)).toEqual(['receive']);

    const written = await record(before.version);
    const after = await caseOf(id);
    expect(written).toEqual({ version: before.version + 1, updatedAt: after.updatedAt });
    expect(after).toMatchObject({ version: before.version + 1, urgency: 'urgent', status: 'received' });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    const events = await eventsOf(id);
    expect(events.map((e) => [e.action, e.actorType, e.createdAt])).toEqual([
      ['receive', 'sender', events[0]!.createdAt],
      ['route', 'system', at],
      ['mark_urgent', 'system', at],
    ]);
    expect(events[2]!.data).toEqual({ keywords: ['cấp cứu'], source: 'routing' });

    // Only a case still in `received` is routed automatically.
    await t.ctx.db.prisma.case.update({ where: { id }, data: { status: 'accepted' } });
    expect(await record(after.version)).toBeNull();
    expect(await record(after.version, false)).toMatchObject({ version: after.version + 1 });
  });

  it('assigns the unit chosen by QR code, recording the decision and the assignment', async () => {
    const id = await newCase({ text: 'Nhân viên nói trống không', unitCode: 'ta-knoi' });
    const result = await routeCase(t.ctx, id);
    expect(result).toMatchObject({ status: 'routed', assigned: true, flaggedUrgent: false });
    expect(result.effects).toEqual([
      { type: 'notify_assignee', unitId: await unitId('ta-knoi') },
      { type: 'notify_sender', notice: 'assign' },
    ]);
    const c = await caseOf(id);
    expect(c).toMatchObject({ status: 'assigned', unitId: await unitId('ta-knoi'), urgency: 'normal' });
    const events = await eventsOf(id);
    expect(events.map((e) => e.action)).toEqual(['receive', 'route', 'assign']);
    const route = events[1]!;
    expect(route).toMatchObject({ actorType: 'system', actorRole: 'system' });
    expect(route.data).toMatchObject({
      rule: 'qr_unit',
      unitId: await unitId('ta-knoi'),
      reason: expect.stringContaining('Khoa Nội'),
    });
    expect(events[2]).toMatchObject({ actorType: 'system', fromStatus: 'received', toStatus: 'assigned' });
  });

  it('routes by keyword without diacritics, in priority order', async () => {
    const id = await newCase({ text: 'Nha thuoc thu vien phi cao' });
    const result = await routeCase(t.ctx, id);
    expect(result.decision).toMatchObject({
      rule: 'routing_rule',
      unitId: await unitId('ta-kduoc'),
      matchedKeywords: ['nhà thuốc', 'thuốc'],
    });
    expect((await caseOf(id)).status).toBe('assigned');
  });

  it('leaves an unmatched case in the inbox with an event saying so', async () => {
    const id = await newCase({ text: 'Bãi giữ xe thiếu mái che' });
    const result = await routeCase(t.ctx, id);
    expect(result).toMatchObject({
      status: 'routed',
      assigned: false,
      decision: { rule: 'no_match', unitId: null },
    });
    expect(await caseOf(id)).toMatchObject({ status: 'received', unitId: null });
    expect((await eventsOf(id)).map((e) => e.action)).toEqual(['receive', 'route']);
  });

  it('flags urgent cases with an event naming the keywords, and no text of the case', async () => {
    const id = await newCase({ text: 'Người nhà bị đe dọa ngay tại khoa, cần cấp cứu', unitCode: 'ta-knoi' });
    const result = await routeCase(t.ctx, id);
    expect(result).toMatchObject({ flaggedUrgent: true, urgentKeywords: ['cấp cứu', 'đe dọa'] });
    expect((await caseOf(id)).urgency).toBe('urgent');
    const mark = (await eventsOf(id)).find((e) => e.action === 'mark_urgent')!;
    expect(mark.data).toEqual({ keywords: ['cấp cứu', 'đe dọa'], source: 'routing' });
  });

  it('uses the organisation’s own urgent words when it sets them', async () => {
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-hoai-nhon' } });
    await t.ctx.db.prisma.organization.update({
      where: { id: org.id },
      data: { settings: { urgentKeywords: ['ngất xỉu'] } },
    });
    const fainted = await newCase({
      text: 'Bệnh nhân ngat xiu o hanh lang',
      organizationCode: 'ttyt-hoai-nhon',
    });
    const emergency = await newCase({ text: 'Cần cấp cứu', organizationCode: 'ttyt-hoai-nhon' });
    expect((await routeCase(t.ctx, fainted)).flaggedUrgent).toBe(true);
    expect((await routeCase(t.ctx, emergency)).flaggedUrgent).toBe(false);
  });

  it('is safe to run again, and finishes an assignment a crash interrupted', async () => {
    const id = await newCase({ text: 'Thái độ', unitCode: 'ta-knoi' });
    await routeCase(t.ctx, id);
    const again = await routeCase(t.ctx, id);
    expect(again).toMatchObject({ status: 'already_routed', assigned: false, decision: { rule: 'qr_unit' } });
    expect((await eventsOf(id)).filter((e) => e.action === 'route')).toHaveLength(1);

    // Decision written, assignment lost: simulate by routing a case whose assign we undo.
    const crashed = await newCase({ text: 'Thái độ', unitCode: 'ta-kngoai' });
    await routeCase(t.ctx, crashed);
    await t.ctx.db.prisma.caseEvent.deleteMany({ where: { caseId: crashed, action: 'assign' } });
    await t.ctx.db.prisma.case.update({ where: { id: crashed }, data: { status: 'received' } });
    const resumed = await routeCase(t.ctx, crashed);
    expect(resumed).toMatchObject({ status: 'already_routed', assigned: true });
    expect((await caseOf(crashed)).status).toBe('assigned');
  });

  it('leaves the cards to a caller that posts them, and the sender notice to the job (decision 0074)', async () => {
    const storedEffects = async (caseId: string) =>
      ((await eventsOf(caseId)).find((e) => e.action === 'assign')?.data as { effects?: unknown })?.effects;
    const byWorker = await newCase({ text: 'Thái độ', unitCode: 'ta-knoi' });
    const routed = await routeCase(t.ctx, byWorker, {
      callerPostsCards: true,
      justMade: await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: byWorker } }),
    });
    expect(routed).toMatchObject({ status: 'routed', assigned: true });
    expect(await storedEffects(byWorker)).toEqual([{ type: 'notify_sender', notice: 'assign' }]);
    // A retry after a crash (nothing in hand) finds the routing and changes nothing.
    const again = await routeCase(t.ctx, byWorker, { callerPostsCards: true });
    expect(again).toMatchObject({ status: 'already_routed', assigned: false });

    const byHotline = await newCase({ text: 'Thái độ', unitCode: 'ta-knoi' });
    await routeCase(t.ctx, byHotline);
    expect(await storedEffects(byHotline)).toEqual([
      { type: 'notify_assignee', unitId: await unitId('ta-knoi') },
      { type: 'notify_sender', notice: 'assign' },
    ]);
  });

  it('lets the intake job run the assignment’s effects itself, and queues their job when they fail (decision 0085)', async () => {
    const intakeOf = async (ctx: typeof t.ctx) => {
      const s = parseInput(ZSubmissionSchema, {
        submissionId: `rt-effects-${n++}`,
        channel: 'web',
        kind: 'report',
        text: 'Thái độ',
        unitCode: 'ta-knoi',
      });
      await submitSubmission(t.ctx, s);
      const { caseId } = (await createIntakeHandler(ctx)({ submissionId: s.submissionId }, {} as Job)) as {
        caseId: string;
      };
      const assign = (await eventsOf(caseId)).find((e) => e.action === 'assign')!;
      const job = await t.ctx.queues.queue('cases').getJob(`case-effects-${assign.id}`);
      return { assign, job };
    };

    const ran = await intakeOf(t.ctx);
    expect(ran.assign.effectsDoneAt).not.toBeNull();
    expect(ran.job).toBeUndefined();

    // The effects cannot mark their event done the first time they try (a lost connection, say).
    // A client raw-sql.ts does not know (this proxy) sends its statements through `$executeRaw`.
    let failOnce = true;
    const prisma = new Proxy(t.ctx.db.prisma, {
      get(target, key, receiver) {
        if (key !== '$executeRaw') return Reflect.get(target, key, receiver);
        return (query: Prisma.Sql) => {
          if (failOnce && /SET "effectsDoneAt"/.test(query.text)) {
            failOnce = false;
            return Promise.reject(new Error('connection lost'));
          }
          return target.$executeRaw(query);
        };
      },
    });
    const failed = await intakeOf({ ...t.ctx, db: { ...t.ctx.db, prisma } });
    expect(failOnce).toBe(false);
    expect(failed.assign.effectsDoneAt).toBeNull();
    expect(failed.job?.data).toEqual({ eventId: failed.assign.id });
  });

  it('routes a case handed in as just made once, even when it was routed meanwhile', async () => {
    const id = await newCase({ text: 'Thái độ', unitCode: 'ta-knoi' });
    const asMade = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } });
    await routeCase(t.ctx, id);
    // The row in hand is out of date: the version-guarded write fails and the routing in force is reported.
    const again = await routeCase(t.ctx, id, { justMade: asMade });
    expect(again).toMatchObject({ status: 'already_routed', decision: { rule: 'qr_unit' } });
    expect((await eventsOf(id)).filter((e) => e.action === 'route')).toHaveLength(1);
    expect((await eventsOf(id)).filter((e) => e.action === 'assign')).toHaveLength(1);
  });

  it('routes once when two workers race', async () => {
    const id = await newCase({ text: 'Thái độ', unitCode: 'ta-knoi' });
    const results = await Promise.all([routeCase(t.ctx, id), routeCase(t.ctx, id)]);
    expect(results.map((r) => r.status).sort()).toEqual(['already_routed', 'routed']);
    expect((await eventsOf(id)).filter((e) => e.action === 'route')).toHaveLength(1);
    expect((await eventsOf(id)).filter((e) => e.action === 'assign')).toHaveLength(1);
  });

  it('leaves alone a case an officer already took out of the inbox', async () => {
    const id = await newCase({ text: 'Thái độ' });
    await applyStaffCaseAction(t.ctx, {
      caseId: id,
      staffId: staff.receiver!,
      action: 'assign',
      params: { unitId: await unitId('ta-knoi') },
    });
    expect(await routeCase(t.ctx, id)).toMatchObject({ status: 'skipped', decision: null });
  });

  it('refuses an unknown case', async () => {
    await expect(routeCase(t.ctx, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('competence and the officers’ scope', () => {
  it('keeps a denunciation about the head of a unit away from that unit, even with its QR code', async () => {
    const id = await newCase({
      kind: 'denunciation',
      text: 'Trưởng khoa Nội nhận phong bì của người bệnh',
      unitCode: 'ta-knoi',
    });
    const result = await routeCase(t.ctx, id);
    expect(result).toMatchObject({
      assigned: false,
      decision: {
        rule: 'competence',
        unitId: null,
        competence: { level: 'organization', accusedUnitId: await unitId('ta-knoi'), senderProtected: true },
      },
    });
    // The referral is on the row too, for inbox queries in SQL.
    expect(await caseOf(id)).toMatchObject({
      status: 'received',
      competenceLevel: 'organization',
      accusedUnitId: await unitId('ta-knoi'),
      referredToOrganizationId: null,
    });

    for (const who of ['handlerNoi', 'headNoi']) {
      await expect(
        applyStaffCaseAction(t.ctx, {
          caseId: id,
          staffId: staff[who]!,
          action: 'note',
          params: { text: 'x' },
        }),
      ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'conflict_of_interest' } });
    }
    await expect(
      applyStaffCaseAction(t.ctx, {
        caseId: id,
        staffId: staff.receiver!,
        action: 'assign',
        params: { unitId: await unitId('ta-knoi') },
      }),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'assign_target' } });
    const done = await applyStaffCaseAction(t.ctx, {
      caseId: id,
      staffId: staff.receiver!,
      action: 'assign',
      params: { unitId: await unitId('ta-tchc') },
    });
    expect(done.role).toBe('receiver');
  });

  it('refers a complaint about the director to the managing body, whose leader acts on it', async () => {
    const id = await newCase({ kind: 'complaint', text: 'Giám đốc trung tâm ký quyết định trái quy định' });
    const result = await routeCase(t.ctx, id);
    const syt = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'syt-hcm' } });
    expect(result.decision).toMatchObject({
      rule: 'competence',
      competence: { level: 'managing_body', managingOrganizationId: syt.id },
    });
    expect(await caseOf(id)).toMatchObject({
      competenceLevel: 'managing_body',
      referredToOrganizationId: syt.id,
    });

    await expect(
      applyStaffCaseAction(t.ctx, {
        caseId: id,
        staffId: staff.leader!,
        action: 'note',
        params: { text: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'conflict_of_interest' } });
    const byParent = await applyStaffCaseAction(t.ctx, {
      caseId: id,
      staffId: staff.sytLeader!,
      action: 'record_petition_document',
      params: { receivedOn: '2026-03-02' },
    });
    expect(byParent.role).toBe('leader');
    const event = (await eventsOf(id)).at(-1)!;
    expect(event).toMatchObject({
      action: 'record_petition_document',
      actorStaffId: staff.sytLeader,
      actorRole: 'leader',
    });
  });

  it('a handler of another unit is refused; the unit’s handler acts in their role', async () => {
    const id = await newCase({ text: 'Thái độ', unitCode: 'ta-knoi' });
    await routeCase(t.ctx, id);
    await expect(
      applyStaffCaseAction(t.ctx, { caseId: id, staffId: staff.handlerNgoai!, action: 'start' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'out_of_scope' },
      message: expect.stringContaining('không thuộc phạm vi'),
    });
    const started = await applyStaffCaseAction(t.ctx, {
      caseId: id,
      staffId: staff.handlerNoi!,
      action: 'start',
    });
    expect(started).toMatchObject({ role: 'handler', to: 'in_progress' });
    await expect(
      applyStaffCaseAction(t.ctx, {
        caseId: id,
        staffId: staff.handlerNoi!,
        action: 'refuse',
        params: { groundId: 'anonymous' },
      }),
    ).rejects.toMatchObject({ details: { reason: 'role_not_allowed' } });
  });

  it('lets a unit head assign within the unit only', async () => {
    const id = await newCase({ text: 'Thái độ', unitCode: 'ta-knoi' });
    await routeCase(t.ctx, id);
    await expect(
      applyStaffCaseAction(t.ctx, {
        caseId: id,
        staffId: staff.headNoi!,
        action: 'assign',
        params: { unitId: await unitId('ta-kngoai') },
      }),
    ).rejects.toMatchObject({ details: { reason: 'assign_target' } });
    await expect(
      applyStaffCaseAction(t.ctx, {
        caseId: id,
        staffId: staff.headNoi!,
        action: 'assign',
        params: { assigneeId: staff.handlerNgoai! },
      }),
    ).rejects.toMatchObject({ details: { reason: 'assign_target' } });
    const ok = await applyStaffCaseAction(t.ctx, {
      caseId: id,
      staffId: staff.headNoi!,
      action: 'assign',
      params: { assigneeId: staff.handlerNoi! },
    });
    expect(ok.role).toBe('unit_head');
    expect((await caseOf(id)).assigneeId).toBe(staff.handlerNoi);
  });
});

describe('viewCaseForStaff', () => {
  it('shows the unit’s handler the redacted case and their moves; refuses another unit', async () => {
    const id = await newCase({ text: 'Gọi tôi 0903 123 456, nhân viên quát', unitCode: 'ta-knoi' });
    await routeCase(t.ctx, id);
    const { code } = await caseOf(id);
    expect(await caseIdFromCode(t.ctx, code.toLowerCase())).toBe(id);
    const seen = await viewCaseForStaff(t.ctx, { staffId: staff.handlerNoi!, caseId: id });
    expect(seen).toMatchObject({
      role: 'handler',
      actions: ['accept', 'start', 'resolve', 'pause', 'extend', 'note'],
    });
    expect(seen.view.description).toBe('Gọi tôi [số điện thoại], nhân viên quát');
    await expect(viewCaseForStaff(t.ctx, { staffId: staff.handlerNgoai!, caseId: id })).rejects.toMatchObject(
      {
        code: 'forbidden',
      },
    );
    await expect(caseIdFromCode(t.ctx, 'ABCD')).rejects.toMatchObject({ code: 'malformed_code' });
  });

  it('refuses to merge into a case the officer may not see', async () => {
    const hoaiNhon = await createStaff(t.ctx, {
      organizationCode: 'ttyt-hoai-nhon',
      fullName: 'Tiếp nhận Hoài Nhơn',
      roles: [{ role: 'receiver' }],
    });
    const mine = await newCase({ text: 'Trùng', organizationCode: 'ttyt-hoai-nhon' });
    const theirs = await newCase({ text: 'Trùng' });
    await expect(
      applyStaffCaseAction(t.ctx, {
        caseId: mine,
        staffId: hoaiNhon.id,
        action: 'merge',
        params: { masterCaseId: theirs },
      }),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'out_of_scope' } });
  });
});

describe('rerouteCase', () => {
  it('lets a receiver correct a wrong competence decision and send the case to a unit', async () => {
    const id = await newCase({
      kind: 'report',
      text: 'Bác sĩ nói giám đốc đã đồng ý cho về sớm nhưng không ai ký giấy',
    });
    await routeCase(t.ctx, id);
    const result = await rerouteCase(t.ctx, {
      caseId: id,
      staffId: staff.receiver!,
      target: { type: 'unit', unitCode: 'ta-knoi' },
      reason: 'Phản ánh về thủ tục ra viện, không phải về giám đốc',
    });
    expect(result).toMatchObject({
      role: 'receiver',
      decision: { rule: 'manual', unitId: await unitId('ta-knoi') },
    });
    // The manual decision clears the referral on the row as well.
    expect(await caseOf(id)).toMatchObject({
      status: 'assigned',
      competenceLevel: null,
      accusedUnitId: null,
      referredToOrganizationId: null,
    });
    const route = (await eventsOf(id)).filter((e) => e.action === 'route').at(-1)!;
    expect(route).toMatchObject({ actorType: 'staff', actorStaffId: staff.receiver, actorRole: 'receiver' });
    // The manual decision is in force: the unit's handler now reaches the case.
    await expect(
      applyStaffCaseAction(t.ctx, { caseId: id, staffId: staff.handlerNoi!, action: 'start' }),
    ).resolves.toMatchObject({
      role: 'handler',
    });
  });

  it('lets a receiver refer a case the rules missed to the managing body', async () => {
    const id = await newCase({ kind: 'denunciation', text: 'Người đứng đầu trung tâm nhận hối lộ' });
    await routeCase(t.ctx, id);
    await rerouteCase(t.ctx, {
      caseId: id,
      staffId: staff.receiver!,
      target: { type: 'competence', level: 'managing_body' },
      reason: 'Tố cáo người đứng đầu đơn vị',
    });
    await expect(
      applyStaffCaseAction(t.ctx, {
        caseId: id,
        staffId: staff.leader!,
        action: 'note',
        params: { text: 'x' },
      }),
    ).rejects.toMatchObject({ details: { reason: 'conflict_of_interest' } });
  });

  it('refuses handlers, a missing reason and closed cases', async () => {
    const id = await newCase({ text: 'Thái độ', unitCode: 'ta-knoi' });
    await routeCase(t.ctx, id);
    await expect(
      rerouteCase(t.ctx, {
        caseId: id,
        staffId: staff.handlerNoi!,
        target: { type: 'inbox' },
        reason: 'Sai khoa',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      rerouteCase(t.ctx, { caseId: id, staffId: staff.receiver!, target: { type: 'inbox' }, reason: ' ' }),
    ).rejects.toMatchObject({ code: 'validation' });
    await expect(
      rerouteCase(t.ctx, {
        caseId: id,
        staffId: staff.receiver!,
        target: { type: 'unit', unitCode: 'hn-knoi' },
        reason: 'Sai khoa',
      }),
    ).rejects.toMatchObject({ code: 'unprocessable' });
  });
});
