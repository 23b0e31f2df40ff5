// The console's administration pages over app.inject on a real database and Redis: only
// administrators get in; each change goes through the CLI's use case, is read back through the same
// repository the CLI reads, and leaves an audit record; refused input is 422 with the message and
// changes nothing; the queue board is behind the same sign-in.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrganizationCalendarDays } from '../../src/calendar/calendar-days.service.js';
import { fixedClock } from '../../src/core/clock.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { listDirectoryEvents } from '../../src/directory/directory-audit.js';
import { findOrganizationByCode, findUnitByCode } from '../../src/directory/directory.repository.js';
import { parseDeadlinePolicy } from '../../src/directory/organization-settings.js';
import { findStaffByFullName } from '../../src/directory/resolve-staff.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { listOrganizationRoutingRules } from '../../src/routing/routing-rules.service.js';
import { consoleCookieFor } from '../helpers/console-session.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-11-10T03:00:00Z'));
const ORG = 'ttyt-thuan-an';
const BASE = `/console/quan-tri/to-chuc/${ORG}`;
let t: TestContext;
let app: FastifyInstance;
let admin: { cookie: string; csrfToken: string; staffId: string };
let handler: { cookie: string; csrfToken: string };
let orgId: string;

beforeAll(async () => {
  t = await createTestContext({ clock });
  const adminStaff = await createStaff(t.ctx, {
    organizationCode: ORG,
    fullName: 'Quản trị Thử',
    roles: [{ role: 'admin' }],
  });
  const handlerStaff = await createStaff(t.ctx, {
    organizationCode: ORG,
    fullName: 'Cán bộ Xử lý',
    roles: [{ role: 'handler', unitCode: 'ta-knoi' }],
  });
  admin = { ...(await consoleCookieFor(t.ctx, adminStaff.id)), staffId: adminStaff.id };
  handler = await consoleCookieFor(t.ctx, handlerStaff.id);
  orgId = (await findOrganizationByCode(t.ctx.db.prisma, ORG))!.id;
  app = await buildHttpServer(t.ctx, t.redis, [], () => 'http://localhost', [], {});
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

function post(who: { cookie: string; csrfToken: string }, url: string, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrfToken, ...fields }).toString(),
  });
}

async function lastEvent(action: string) {
  const events = await listDirectoryEvents(t.ctx.db.prisma, { organizationId: orgId });
  return events.find((e) => e.action === action);
}

describe('console administration', () => {
  it('refuses a staff member who is not an administrator, on pages and on changes', async () => {
    const page = await app.inject({
      method: 'GET',
      url: '/console/quan-tri',
      headers: { cookie: handler.cookie },
    });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Chỉ quản trị viên');
    const change = await post(handler, `${BASE}/khoa-phong`, { code: 'ta-x', name: 'X', kind: 'department' });
    expect(change.statusCode).toBe(403);
    expect(await findUnitByCode(t.ctx.db.prisma, 'ta-x')).toBeNull();
  });

  it('lists the organisations an administrator administers, and opens each section', async () => {
    const index = await app.inject({
      method: 'GET',
      url: '/console/quan-tri',
      headers: { cookie: admin.cookie },
    });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('Trung tâm Y tế khu vực Thuận An');
    expect(index.body).not.toContain('Trung tâm Y tế Hoài Nhơn');
    for (const s of [
      'thong-tin',
      'khoa-phong',
      'can-bo',
      'lich-truc',
      'phan-luong',
      'lich-nghi',
      'nhat-ky',
    ]) {
      const res = await app.inject({ method: 'GET', url: `${BASE}/${s}`, headers: { cookie: admin.cookie } });
      expect(res.statusCode, s).toBe(200);
    }
    // Another organisation, not under this one: refused.
    const other = await app.inject({
      method: 'GET',
      url: '/console/quan-tri/to-chuc/ttyt-hoai-nhon/thong-tin',
      headers: { cookie: admin.cookie },
    });
    expect(other.statusCode).toBe(403);
  });

  it('creates a unit through the same use case as the CLI, audited', async () => {
    const res = await post(admin, `${BASE}/khoa-phong`, {
      code: 'ta-kmat',
      name: 'Khoa Mắt',
      nameEn: 'Ophthalmology',
      kind: 'department',
      hotlineNumbers: '0900 000 201',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${BASE}/khoa-phong?ok=unit_created`);
    const unit = await findUnitByCode(t.ctx.db.prisma, 'ta-kmat');
    expect(unit).toMatchObject({ name: 'Khoa Mắt', nameEn: 'Ophthalmology', organizationId: orgId });
    const event = await lastEvent('unit_created');
    expect(event).toMatchObject({ actorType: 'staff', actorStaffId: admin.staffId, subjectId: unit!.id });
  });

  it('refuses invalid input with 422, the message beside the field, and changes nothing', async () => {
    const before = await listDirectoryEvents(t.ctx.db.prisma, { organizationId: orgId });
    const res = await post(admin, `${BASE}/khoa-phong`, { code: 'có dấu', name: '', kind: 'department' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('chỉ gồm chữ không dấu');
    expect(res.body).toMatch(/id="unit-code-error"/);
    expect(res.body).toContain('value="có dấu"');
    const after = await listDirectoryEvents(t.ctx.db.prisma, { organizationId: orgId });
    expect(after.length).toBe(before.length);

    const badSettings = await post(admin, `${BASE}/thong-tin/cai-dat`, {
      dueSoonWorkingDays: '2, 1',
      remindAt: '25:00',
      escalationUnitHead: '0',
    });
    expect(badSettings.statusCode).toBe(422);
    expect(badSettings.body).toMatch(/id="settings-remindAt-error"/);
    const org = await findOrganizationByCode(t.ctx.db.prisma, ORG);
    expect((org!.settings as Record<string, unknown>).deadlineReminders).toBeUndefined();
  });

  it('creates a staff member and an invite code shown once, both audited', async () => {
    const created = await post(admin, `${BASE}/can-bo`, {
      fullName: 'Trực Đường Dây',
      roles: 'hotline, handler@ta-kmat',
    });
    expect(created.statusCode).toBe(303);
    const [staff] = await findStaffByFullName(t.ctx, ORG, 'Trực Đường Dây');
    expect(staff!.roles.map((r) => `${r.role}@${r.unitCode ?? ''}`).sort()).toEqual([
      'handler@ta-kmat',
      'hotline@',
    ]);
    expect(await lastEvent('staff_created')).toMatchObject({
      subjectId: staff!.id,
      actorStaffId: admin.staffId,
    });

    const invite = await post(admin, `${BASE}/can-bo/${staff!.id}/ma-moi`, {});
    expect(invite.statusCode).toBe(200);
    const code = /font-family:monospace">([A-Z0-9-]+)</.exec(invite.body)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const stored = await t.ctx.db.prisma.staffInvite.findFirst({
      where: { staffId: staff!.id, usedAt: null },
    });
    expect(stored).not.toBeNull();
    const event = await lastEvent('staff_invite_issued');
    expect(event).toMatchObject({ subjectId: staff!.id });
    expect(JSON.stringify(event!.data)).not.toContain(code!);

    const self = await post(admin, `${BASE}/can-bo/${admin.staffId}/ngung`, {});
    expect(self.statusCode).toBe(422);
    expect(self.body).toContain('Không thể tự ngừng hoạt động');

    const deactivated = await post(admin, `${BASE}/can-bo/${staff!.id}/ngung`, {});
    expect(deactivated.statusCode).toBe(303);
    const [after] = await findStaffByFullName(t.ctx, ORG, 'Trực Đường Dây');
    expect(after!.active).toBe(false);
    expect(await lastEvent('staff_deactivated')).toMatchObject({
      subjectId: staff!.id,
      actorStaffId: admin.staffId,
    });

    const badRoles = await post(admin, `${BASE}/can-bo`, { fullName: 'Ai Đó', roles: 'handler' });
    expect(badRoles.statusCode).toBe(422);
    expect(badRoles.body).toContain('phải gắn với một khoa/phòng');
    expect(await findStaffByFullName(t.ctx, ORG, 'Ai Đó')).toEqual([]);
  });

  it('adds a routing rule read back by routing:list, audited', async () => {
    const res = await post(admin, `${BASE}/phan-luong`, {
      unitCode: 'ta-kmat',
      kind: 'report',
      keywords: 'mắt, kính',
      priority: '50',
    });
    expect(res.statusCode).toBe(303);
    const rules = await listOrganizationRoutingRules(t.ctx, ORG);
    const rule = rules.find((r) => r.unit.code === 'ta-kmat');
    expect(rule).toMatchObject({ priority: 50, kind: 'report', keywords: ['mắt', 'kính'], active: true });
    expect(await lastEvent('routing_rule_created')).toMatchObject({ subjectId: rule!.id });

    const bad = await post(admin, `${BASE}/phan-luong`, { unitCode: 'ta-kmat', priority: '-5' });
    expect(bad.statusCode).toBe(422);
    expect((await listOrganizationRoutingRules(t.ctx, ORG)).length).toBe(rules.length);
  });

  it('sets a calendar day read back as the deadline calendar reads it, audited', async () => {
    const res = await post(admin, `${BASE}/lich-nghi`, {
      date: '2026-12-15',
      type: 'day_off',
      name: 'Kỷ niệm thành lập Trung tâm',
      source: 'Quyết định 12/QĐ-TTYT',
    });
    expect(res.statusCode).toBe(303);
    const days = await listOrganizationCalendarDays(t.ctx, orgId);
    expect(days).toContainEqual(
      expect.objectContaining({ date: '2026-12-15', type: 'day_off', name: 'Kỷ niệm thành lập Trung tâm' }),
    );
    expect(await lastEvent('calendar_day_set')).toMatchObject({ actorStaffId: admin.staffId });

    const bad = await post(admin, `${BASE}/lich-nghi`, {
      date: '15/12/2026',
      type: 'day_off',
      name: 'X',
      source: 'Y',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('YYYY-MM-DD');
  });

  it('changes the reminder settings and letter symbol, read back by the deadline policy, audited', async () => {
    const res = await post(admin, `${BASE}/thong-tin/cai-dat`, {
      dueSoonWorkingDays: '3, 1',
      remindAt: '07:30',
      apologyPrompt: 'on',
      escalationUnitHead: '0',
      escalationLeaders: '3',
      letterSymbol: 'TTYT-TA',
    });
    expect(res.statusCode).toBe(303);
    const org = await findOrganizationByCode(t.ctx.db.prisma, ORG);
    expect(parseDeadlinePolicy(org!.settings)).toEqual({
      invalidKeys: [],
      policy: {
        dueSoonWorkingDays: [3, 1],
        remindAt: '07:30',
        apologyPrompt: true,
        escalation: [
          { level: 'unit_head', afterOverdueWorkingDays: 0 },
          { level: 'leaders', afterOverdueWorkingDays: 3 },
        ],
      },
    });
    expect((org!.settings as Record<string, unknown>).letterSymbol).toBe('TTYT-TA');
    const event = await lastEvent('organization_settings_changed');
    expect(event?.data).toMatchObject({ changed: ['deadlineReminders', 'escalationLadder', 'letterSymbol'] });
  });

  it('refuses a change without the CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${BASE}/khoa-phong`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ code: 'ta-y', name: 'Y', kind: 'department' }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(await findUnitByCode(t.ctx.db.prisma, 'ta-y')).toBeNull();
  });
});

describe('queue board', () => {
  it('sends a browser without a session to sign in, and answers 401 to anything else', async () => {
    const page = await app.inject({
      method: 'GET',
      url: '/console/hang-doi/',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/console/dang-nhap');
    const api = await app.inject({
      method: 'GET',
      url: '/console/hang-doi/api/queues',
      headers: { accept: 'application/json' },
    });
    expect(api.statusCode).toBe(401);
  });

  it('is refused to a non-administrator and shown to an administrator with every queue', async () => {
    const refused = await app.inject({
      method: 'GET',
      url: '/console/hang-doi/',
      headers: { cookie: handler.cookie },
    });
    expect(refused.statusCode).toBe(403);
    const page = await app.inject({
      method: 'GET',
      url: '/console/hang-doi/',
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<base href="/console/hang-doi/"');
    // Its <base> must be allowed (decision 0051); nothing else of the page policy is loosened.
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("script-src 'self';");
    const adminPage = await app.inject({
      method: 'GET',
      url: '/console/quan-tri',
      headers: { cookie: admin.cookie },
    });
    expect(String(adminPage.headers['content-security-policy'])).toContain("base-uri 'none'");
    const api = await app.inject({
      method: 'GET',
      url: '/console/hang-doi/api/queues',
      headers: { cookie: admin.cookie, accept: 'application/json' },
    });
    expect(api.statusCode).toBe(200);
    const names = (api.json() as { queues: { name: string; readOnlyMode: boolean }[] }).queues.map(
      (q) => q.name,
    );
    expect(names.length).toBeGreaterThan(0);
  });
});
