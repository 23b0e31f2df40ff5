// The console's inbox over app.inject on a real database: the bot's scope (a handler sees their
// unit only, a leader the organisation), filters, a diacritics-insensitive search that cannot find
// a case by a phone number, the htmx fragment, a row only for who may see it, and cursor pages.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { CONSOLE_INBOX_COUNT_CAP, CONSOLE_INBOX_PAGE_SIZE } from '../../src/console/inbox/console-inbox.js';
import { consoleCookieFor } from '../helpers/console-session.js';
import { createCase } from '../helpers/public-pages-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-11-10T03:00:00Z'));
let t: TestContext;
let app: FastifyInstance;
let handlerCookie: string;
let leaderCookie: string;
const codes: { noi: string; kkb: string; urgentKkb: string } = { noi: '', kkb: '', urgentKkb: '' };

beforeAll(async () => {
  t = await createTestContext({ clock });
  const handler = await createStaff(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    fullName: 'Cán bộ Khoa Nội',
    roles: [{ role: 'handler', unitCode: 'ta-knoi' }],
  });
  const leader = await createStaff(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    fullName: 'Lãnh đạo',
    roles: [{ role: 'leader' }],
  });
  handlerCookie = (await consoleCookieFor(t.ctx, handler.id)).cookie;
  leaderCookie = (await consoleCookieFor(t.ctx, leader.id)).cookie;
  codes.noi = (
    await createCase(t, { unitCode: 'ta-knoi', text: 'Bác sĩ khoa Nội thái độ chưa tốt, gọi 0912 345 678.' })
  ).code;
  codes.kkb = (await createCase(t, { kind: 'feedback', text: 'Phòng chờ quá nóng, cần thêm quạt.' })).code;
  codes.urgentKkb = (
    await createCase(t, { text: 'Bệnh nhân cấp cứu chờ quá lâu, nguy hiểm tính mạng.' })
  ).code;
  app = await buildHttpServer(t.ctx, t.redis, [], () => 'http://localhost', [], {});
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

const get = (url: string, cookie: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { cookie, ...headers } });

describe('console inbox', () => {
  it('shows a handler their unit only, and a leader the organisation', async () => {
    const handler = await get('/console', handlerCookie);
    expect(handler.statusCode).toBe(200);
    expect(handler.body).toContain(codes.noi);
    expect(handler.body).not.toContain(codes.kkb);
    const leader = await get('/console', leaderCookie);
    for (const code of Object.values(codes)) expect(leader.body).toContain(`href="/console/ho-so/${code}"`);
  });

  it('filters by kind and by unit, and searches without diacritics but never by a phone number', async () => {
    const feedback = await get('/console?kind=feedback', leaderCookie);
    expect(feedback.body).toContain(codes.kkb);
    expect(feedback.body).not.toContain(codes.noi);
    const search = await get(`/console?q=${encodeURIComponent('thai do chua tot')}`, leaderCookie);
    expect(search.body).toContain(codes.noi);
    expect(search.body).not.toContain(codes.kkb);
    const phone = await get(`/console?q=${encodeURIComponent('0912345678')}`, leaderCookie);
    expect(phone.body).not.toContain(codes.noi);
    const phonePart = await get(`/console?q=345`, leaderCookie);
    expect(phonePart.body).not.toContain(codes.noi);
    const bad = await get('/console?kind=nonsense', leaderCookie);
    expect(bad.statusCode).toBe(400);
  });

  it('answers htmx with the list alone, and a row only to who may see the case', async () => {
    const fragment = await get('/console?kind=feedback', leaderCookie, {
      'hx-request': 'true',
      'hx-target': 'inbox-list',
    });
    expect(fragment.body.startsWith('<div id="inbox-list">')).toBe(true);
    expect(fragment.body).not.toContain('<html');
    const row = await get(`/console/hop-thu/dong/${codes.kkb}`, leaderCookie, { 'hx-request': 'true' });
    expect(row.statusCode).toBe(200);
    expect(row.body).toContain(`id="row-${codes.kkb}"`);
    const hidden = await get(`/console/hop-thu/dong/${codes.kkb}`, handlerCookie, { 'hx-request': 'true' });
    expect(hidden.statusCode).toBe(404);
  });

  it('pages by cursor without repeating or losing a case', async () => {
    for (let i = 0; i < CONSOLE_INBOX_PAGE_SIZE; i += 1) {
      await createCase(t, { unitCode: 'ta-knoi', text: `Góp ý số ${i} về khoa Nội.` });
    }
    const seen: string[] = [];
    let url = '/console';
    for (let guard = 0; guard < 5 && url; guard += 1) {
      const page = await get(url, handlerCookie);
      seen.push(...[...page.body.matchAll(/id="row-([^"]+)"/g)].map((m) => m[1]!));
      const next = /<a href="(\/console\?[^"]*after=[^"]+)"/.exec(page.body)?.[1];
      url = next ? next.replaceAll('&amp;', '&') : '';
    }
    expect(seen.length).toBe(CONSOLE_INBOX_PAGE_SIZE + 1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lists every open status nearest due date first, and counts no further than the cap', async () => {
    const { prisma } = t.ctx.db;
    // Three statuses, three due dates: each status is read apart (decision 0067), the page merges.
    const due = (code: string, status: 'received' | 'assigned' | 'in_progress', day: string) =>
      prisma.case.update({ where: { code }, data: { status, governingDueOn: new Date(`${day}T00:00:00Z`) } });
    await due(codes.urgentKkb, 'received', '2026-10-20');
    await due(codes.noi, 'assigned', '2026-10-05');
    await due(codes.kkb, 'in_progress', '2026-10-01');
    const page = await get('/console', leaderCookie);
    const order = [...page.body.matchAll(/id="row-([^"]+)"/g)].map((m) => m[1]!);
    expect(order.slice(0, 3)).toEqual([codes.kkb, codes.noi, codes.urgentKkb]);
    expect(page.body).not.toContain('Hơn ');

    const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    await prisma.$executeRawUnsafe(
      `INSERT INTO "cases" ("id","code","organizationId","kind","channel","status","identityMode",
         "description","searchText","governingClockKind","governingDueOn","receivedAt","createdAt","updatedAt")
       SELECT gen_random_uuid(), 'CAP' || g, $1::uuid, 'feedback', 'web', 'received', 'anonymous',
         'Góp ý', 'gop y', 'internal_answer', DATE '2026-12-01', now(), now(), now()
       FROM generate_series(1, ${CONSOLE_INBOX_COUNT_CAP}) g`,
      org.id,
    );
    const capped = await get('/console', leaderCookie);
    expect(capped.body).toContain(`Hơn ${CONSOLE_INBOX_COUNT_CAP} hồ sơ`);
    const handler = await get('/console', handlerCookie);
    expect(handler.body).toMatch(/<p role="status">\d+ hồ sơ/);
  });
});
