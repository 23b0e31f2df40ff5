// The hotline on a real database and Redis: roster, who is on duty, numbers, and a call logged as a case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createStaff } from '../../src/directory/create-staff.js';
import {
  getHotlineNumbers,
  listDutyShifts,
  logHotlineCall,
  removeDutyShift,
  setDutyShift,
  whoIsOnDuty,
} from '../../src/hotline/index.js';
import type { HotlineFormState } from '../../src/officer/hotline-form.js';
import { createRedisHotlineFormStore } from '../../src/officer/hotline-form.store.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // 09:00 in Hà Nội
let t: TestContext;
let orgId: string;
const staff: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext({ clock });
  orgId = (await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } })).id;
  const mk = async (
    key: string,
    organizationCode: string,
    roles: { role: 'hotline' | 'admin' | 'handler' | 'leader'; unitCode?: string }[],
  ) => {
    staff[key] = (await createStaff(t.ctx, { organizationCode, fullName: key, roles })).id;
  };
  await mk('day', 'ttyt-thuan-an', [{ role: 'hotline' }]);
  await mk('night', 'ttyt-thuan-an', [{ role: 'hotline' }]);
  await mk('admin', 'ttyt-thuan-an', [{ role: 'admin' }]);
  await mk('handler', 'ttyt-thuan-an', [{ role: 'handler', unitCode: 'ta-knoi' }]);
  await mk('elsewhere', 'ttyt-hoai-nhon', [{ role: 'hotline' }]);
});
afterAll(async () => {
  await t.cleanup();
});

describe('duty roster', () => {
  it('puts officers on duty and says who is on duty at a time', async () => {
    const day = await setDutyShift(t.ctx, {
      organizationId: orgId,
      staffId: staff.day!,
      startsAt: '2026-03-02T07:00',
      endsAt: '2026-03-02T19:00',
    });
    expect(day).toMatchObject({
      fullName: 'day',
      startsAt: new Date('2026-03-02T00:00:00Z'),
      endsAt: new Date('2026-03-02T12:00:00Z'),
    });
    await setDutyShift(t.ctx, {
      organizationId: orgId,
      staffId: staff.night!,
      startsAt: '2026-03-02T19:00',
      endsAt: '2026-03-03T07:00',
      byStaffId: staff.admin!,
    });
    expect((await whoIsOnDuty(t.ctx, orgId)).map((o) => o.fullName)).toEqual(['day']);
    expect(
      (await whoIsOnDuty(t.ctx, orgId, new Date('2026-03-02T12:00:00Z'))).map((o) => o.fullName),
    ).toEqual(['night']);
    expect(await whoIsOnDuty(t.ctx, orgId, new Date('2026-03-03T00:00:00Z'))).toEqual([]);
    const roster = await listDutyShifts(
      t.ctx,
      orgId,
      new Date('2026-03-02T00:00:00Z'),
      new Date('2026-03-04T00:00:00Z'),
    );
    expect(roster.map((o) => o.fullName)).toEqual(['day', 'night']);
  });

  it('refuses overlapping shifts of one officer, staff without the hotline role, and bad times', async () => {
    await expect(
      setDutyShift(t.ctx, {
        organizationId: orgId,
        staffId: staff.day!,
        startsAt: '2026-03-02T18:00',
        endsAt: '2026-03-02T20:00',
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('07:00 02/03/2026') });
    await expect(
      setDutyShift(t.ctx, {
        organizationId: orgId,
        staffId: staff.handler!,
        startsAt: '2026-03-05T07:00',
        endsAt: '2026-03-05T19:00',
      }),
    ).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(
      setDutyShift(t.ctx, {
        organizationId: orgId,
        staffId: staff.elsewhere!,
        startsAt: '2026-03-05T07:00',
        endsAt: '2026-03-05T19:00',
      }),
    ).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(
      setDutyShift(t.ctx, {
        organizationId: orgId,
        staffId: staff.day!,
        startsAt: 'sáng mai',
        endsAt: '2026-03-05T19:00',
      }),
    ).rejects.toMatchObject({ code: 'validation' });
    await expect(
      setDutyShift(t.ctx, {
        organizationId: orgId,
        staffId: staff.day!,
        startsAt: '2026-03-05T19:00',
        endsAt: '2026-03-05T07:00',
      }),
    ).rejects.toMatchObject({ code: 'validation' });
  });

  it('lets only an administrator or a leader set or remove shifts from the bot', async () => {
    await expect(
      setDutyShift(t.ctx, {
        organizationId: orgId,
        staffId: staff.day!,
        startsAt: '2026-03-06T07:00',
        endsAt: '2026-03-06T19:00',
        byStaffId: staff.handler!,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const shift = await setDutyShift(t.ctx, {
      organizationId: orgId,
      staffId: staff.day!,
      startsAt: '2026-03-06T07:00',
      endsAt: '2026-03-06T19:00',
    });
    await expect(
      removeDutyShift(t.ctx, { shiftId: shift.shiftId, byStaffId: staff.day! }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await removeDutyShift(t.ctx, { shiftId: shift.shiftId, byStaffId: staff.admin! });
    expect(await whoIsOnDuty(t.ctx, orgId, new Date('2026-03-06T02:00:00Z'))).toEqual([]);
  });
});

describe('hotline numbers', () => {
  it('lists the organisation’s numbers and its managing body’s', async () => {
    const numbers = await getHotlineNumbers(t.ctx, orgId);
    expect(numbers.organization).toEqual({
      code: 'ttyt-thuan-an',
      name: 'Trung tâm Y tế khu vực Thuận An',
      numbers: ['1900 9095', '0900 000 200'],
    });
    expect(numbers.managingBody).toMatchObject({ code: 'syt-hcm', numbers: ['1900 9095', '0900 000 100'] });
    expect(numbers.units).toEqual([]);
  });
});

describe('logHotlineCall', () => {
  it('logs a named call as a hotline case, identity sealed, officer recorded, routed', async () => {
    const logged = await logHotlineCall(t.ctx, {
      officerStaffId: staff.day!,
      organizationId: orgId,
      kind: 'report',
      text: 'Người nhà bệnh nhân phản ánh bị bảo vệ đe dọa ở cổng',
      unitCode: 'ta-kcc',
      callerName: 'Phạm Văn Dũng',
      callerPhone: '0987 654 321',
      anonymous: false,
      callId: 'call-0001-abc',
    });
    expect(logged).toMatchObject({ duplicate: false, caseId: expect.any(String) });
    expect(logged.followUpSecret).toBeUndefined();
    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id: logged.caseId! },
      include: { identity: true },
    });
    expect(c).toMatchObject({
      channel: 'hotline',
      identityMode: 'named',
      status: 'assigned',
      urgency: 'urgent',
    });
    expect(c.identity?.revealable).toBe(true);
    expect(Buffer.from(c.identity!.ciphertext).toString('utf8')).not.toContain('Dũng');
    expect(logged.routing).toMatchObject({
      flaggedUrgent: true,
      urgentKeywords: ['đe dọa'],
      decision: { rule: 'qr_unit' },
    });
    const events = await t.ctx.db.prisma.caseEvent.findMany({
      where: { caseId: c.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(events.map((e) => e.action)).toEqual([
      'receive',
      'log_hotline_call',
      'route',
      'mark_urgent',
      'assign',
    ]);
    expect(events[1]).toMatchObject({
      actorType: 'staff',
      actorStaffId: staff.day,
      actorRole: 'hotline',
      data: { anonymous: false },
    });
    expect(JSON.stringify(events)).not.toMatch(/Dũng|0987/);
  });

  it('logs the same call once when the form is sent twice', async () => {
    const input = {
      officerStaffId: staff.day!,
      organizationId: orgId,
      kind: 'praise' as const,
      text: 'Cảm ơn khoa Sản',
      anonymous: true,
      callId: 'call-0002-abc',
    };
    const first = await logHotlineCall(t.ctx, input);
    expect(first.followUpSecret).toEqual(expect.any(String));
    const second = await logHotlineCall(t.ctx, input);
    expect(second).toMatchObject({ code: first.code, caseId: first.caseId, duplicate: true });
    const events = await t.ctx.db.prisma.caseEvent.findMany({
      where: { caseId: first.caseId!, action: 'log_hotline_call' },
    });
    expect(events).toHaveLength(1);
  });

  it('treats a caller who gave neither name nor number as anonymous', async () => {
    const logged = await logHotlineCall(t.ctx, {
      officerStaffId: staff.night!,
      organizationId: orgId,
      kind: 'feedback',
      text: 'Nhà vệ sinh tầng 2 hỏng vòi nước',
      anonymous: false,
    });
    expect(logged.followUpSecret).toEqual(expect.any(String));
    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id: logged.caseId! },
      include: { identity: true },
    });
    expect(c).toMatchObject({ identityMode: 'anonymous', identity: null });
  });

  it('refuses staff who are not hotline or receiving officers, or of another organisation', async () => {
    const input = { organizationId: orgId, kind: 'report' as const, text: 'x', anonymous: true };
    await expect(logHotlineCall(t.ctx, { ...input, officerStaffId: staff.handler! })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(logHotlineCall(t.ctx, { ...input, officerStaffId: staff.elsewhere! })).rejects.toMatchObject(
      { code: 'forbidden' },
    );
  });

  it('says in Vietnamese what is wrong with the form', async () => {
    await expect(
      logHotlineCall(t.ctx, {
        officerStaffId: staff.day!,
        organizationId: orgId,
        kind: 'report',
        text: '   ',
        anonymous: false,
        callerPhone: 'abc',
      }),
    ).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('Nội dung (text)') });
    await expect(
      logHotlineCall(t.ctx, {
        officerStaffId: staff.day!,
        organizationId: orgId,
        kind: 'report',
        text: 'x',
        anonymous: true,
        unitCode: 'hn-knoi',
      }),
    ).rejects.toMatchObject({ code: 'unprocessable' });
  });
});

describe('the hotline form kept between two messages', () => {
  it('names no chat or officer in its key, and finds a form open under the old key layout', async () => {
    const store = createRedisHotlineFormStore({
      redis: t.redis,
      prefix: t.prefix,
      sealedBox: t.ctx.sealedBox,
    });
    const officer = { channel: 'telegram' as const, conversationId: '-1007654321', userId: '5432987' };
    const state: HotlineFormState = { id: 'form-0001abcd', step: 'phone', kind: 'report', text: 'Chờ lâu' };
    await store.save(officer, state);
    expect(await store.load(officer)).toEqual(state);
    const names = await t.redis.keys(`${t.prefix}:officer:*`);
    expect(names).toHaveLength(1);
    expect(names[0]).not.toMatch(/7654321|5432987/);

    // The layout before decision 0023: the chat and user ids in the key, 15 minutes to live.
    await store.clear(officer);
    const legacy = `${t.prefix}:officer:hotline-form:telegram:-1007654321:5432987`;
    await t.redis.set(legacy, t.ctx.sealedBox.sealJson(state), 'EX', 600);
    expect(await store.load(officer)).toEqual(state);
    expect(await t.redis.exists(legacy)).toBe(0);
    const moved = await t.redis.keys(`${t.prefix}:officer:*`);
    expect(moved).toEqual(names);
    const ttl = await t.redis.ttl(moved[0]!);
    expect(ttl).toBeGreaterThan(500);
    expect(ttl).toBeLessThanOrEqual(600);
  });
});
