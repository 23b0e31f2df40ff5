// The staff a new case's cards go to are read in one statement with their roles (decision 0103):
// each must be what `findStaff` gives for them, and the list what the old two-step read found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStaff, listStaffOnTelegramWithRole } from '../../src/directory/resolve-staff.js';
import { fixedClock } from '../../src/core/clock.js';
import { setDutyShift } from '../../src/hotline/duty-roster.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { listStaffWithTelegram } from '../../src/officer/officer.repository.js';
import { postCaseCards } from '../../src/officer/post-case-cards.js';
import { submissionMaker } from '../helpers/submissions.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Monday 09:00 in Hà Nội

let t: TestContext;
let organizationId: string;
let unitId: string;
let otherUnitId: string;
const staffIds: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext({ clock });
  const { prisma } = t.ctx.db;
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  organizationId = org.id;
  unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: 'ta-knoi' } })).id;
  otherUnitId = (await prisma.unit.findUniqueOrThrow({ where: { code: 'ta-knhi' } })).id;
  const mk = (
    fullName: string,
    tg: string | null,
    roles: { role: 'receiver' | 'unit_head' | 'handler' | 'leader' | 'hotline'; unitId: string | null }[],
    active = true,
  ) =>
    prisma.staff.create({
      data: {
        organizationId,
        fullName,
        telegramUserId: tg,
        active,
        title: tg ? 'Cán bộ' : null,
        roles: { create: roles.map((r) => ({ organizationId, ...r })) },
      },
    });
  await mk('Tiếp nhận một', '9101', [{ role: 'receiver', unitId: null }]);
  await mk('Tiếp nhận và trưởng khoa', '9102', [
    { role: 'receiver', unitId: null },
    { role: 'unit_head', unitId },
    { role: 'handler', unitId: otherUnitId },
  ]);
  await mk('Tiếp nhận chưa gắn Telegram', null, [{ role: 'receiver', unitId: null }]);
  await mk('Tiếp nhận đã nghỉ', '9103', [{ role: 'receiver', unitId: null }], false);
  await mk('Trưởng khoa Nhi', '9104', [{ role: 'unit_head', unitId: otherUnitId }]);
  await mk('Lãnh đạo', '9105', [{ role: 'leader', unitId: null }]);
  staffIds.head = (await mk('Trưởng khoa Nội', '9106', [{ role: 'unit_head', unitId }])).id;
  staffIds.duty = (await mk('Trực đường dây nóng', '9107', [{ role: 'hotline', unitId: null }])).id;
  await setDutyShift(t.ctx, {
    organizationId,
    staffId: staffIds.duty,
    startsAt: '2026-03-02T07:00',
    endsAt: '2026-03-02T19:00',
  });
});
afterAll(async () => {
  await t.cleanup();
});

describe('staff on Telegram with a role, in one statement', () => {
  it.each([
    { role: 'receiver' as const, unit: (): string | null => null },
    { role: 'unit_head' as const, unit: (): string | null => unitId },
    { role: 'unit_head' as const, unit: (): string | null => otherUnitId },
    { role: 'handler' as const, unit: (): string | null => otherUnitId },
    { role: 'leader' as const, unit: (): string | null => null },
  ])('$role: each as findStaff gives them, the same people as before', async ({ role, unit }) => {
    const input = { organizationId, role, unitId: unit() };
    const listed = await listStaffOnTelegramWithRole(t.ctx, input);
    const before = await listStaffWithTelegram(t.ctx.db.prisma, input);
    expect(listed.map((s) => s.id)).toEqual(before.map((s) => s.id));
    expect(listed.length).toBeGreaterThan(0);
    for (const member of listed) {
      const found = await findStaff(t.ctx, member.id);
      const byRole = (
        a: { role: string; unitId: string | null },
        b: { role: string; unitId: string | null },
      ) => `${a.role}${a.unitId}`.localeCompare(`${b.role}${b.unitId}`);
      expect({ ...member, roles: [...member.roles].sort(byRole) }).toEqual({
        ...found,
        roles: [...found!.roles].sort(byRole),
      });
    }
  });

  it('finds no one where no one holds the role', async () => {
    expect(await listStaffOnTelegramWithRole(t.ctx, { organizationId, role: 'handler', unitId })).toEqual([]);
  });
});

describe('the cards of a new urgent case', () => {
  it('go to the receivers, then to the officer on duty and the unit’s heads not told yet, once each', async () => {
    const s = submissionMaker('urgent-cards', {
      channel: 'web',
      kind: 'report',
      text: 'Người bệnh khó thở nhưng không ai đến khám.',
      unitCode: 'ta-knoi',
    })();
    await submitSubmission(t.ctx, s);
    const { caseId } = await processSubmission(t.ctx, s.submissionId);
    const { prisma } = t.ctx.db;
    await prisma.case.update({ where: { id: caseId }, data: { urgency: 'urgent', unitId } });
    const receivers = (
      await listStaffWithTelegram(prisma, { organizationId, role: 'receiver', unitId: null })
    ).map((r) => r.id);
    expect(await postCaseCards(t.ctx, caseId)).toEqual({
      unitGroup: false,
      staff: receivers.length,
      urgentStaff: 2,
    });
    const keys = (await prisma.notification.findMany({ where: { caseId } })).map((n) => n.dedupeKey).sort();
    expect(keys).toEqual(
      [
        ...receivers.map((id) => `case:${caseId}:card:staff:${id}`),
        // The receiver who also heads the unit was told once; the other head and the officer on duty
        // are told now; the head of another unit is not.
        `case:${caseId}:urgent:staff:${staffIds.head}`,
        `case:${caseId}:urgent:staff:${staffIds.duty}`,
      ].sort(),
    );
  });
});
