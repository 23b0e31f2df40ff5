// The console's inbox over app.inject on a real database: the bot's scope (a handler sees their
// unit only, a leader the organisation), filters, a diacritics-insensitive search that cannot find
// a case by a phone number, the htmx fragment, a row only for who may see it, and cursor pages.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createOrganization, createUnit } from '../../src/directory/create-organization.js';
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

// Oversight (decision 0069): the Sở above Thuận An reads the cases of every organisation below it,
// any depth, and works none of them; the organisations below see nothing of each other or of it.
describe('console inbox: a managing body’s oversight', () => {
  const oversight: { sibling: string; deep: string; so: string } = { sibling: '', deep: '', so: '' };
  let soLeader: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    await createOrganization(t.ctx, {
      code: 'bv-anh-em',
      name: 'Bệnh viện anh em',
      kind: 'hospital',
      parentCode: 'syt-hcm',
    });
    await createUnit(t.ctx, {
      organizationCode: 'bv-anh-em',
      code: 'ae-kkb',
      name: 'Khoa Khám bệnh',
      kind: 'department',
    });
    // Two levels below the Sở: a station under Thuận An.
    await createOrganization(t.ctx, {
      code: 'tram-con',
      name: 'Trạm Y tế con',
      kind: 'other',
      parentCode: 'ttyt-thuan-an',
    });
    await createUnit(t.ctx, {
      organizationCode: 'tram-con',
      code: 'tc-kkb',
      name: 'Phòng khám',
      kind: 'department',
    });
    oversight.sibling = (
      await createCase(t, { unitCode: 'ae-kkb', text: 'Bệnh viện anh em: chờ lâu.' })
    ).code;
    oversight.deep = (await createCase(t, { unitCode: 'tc-kkb', text: 'Trạm con: thiếu ghế chờ.' })).code;
    oversight.so = (await createCase(t, { unitCode: 'syt-vp', text: 'Văn phòng Sở: khó liên hệ.' })).code;
    const leader = await createStaff(t.ctx, {
      organizationCode: 'syt-hcm',
      fullName: 'Lãnh đạo Sở',
      roles: [{ role: 'leader' }],
    });
    soLeader = await consoleCookieFor(t.ctx, leader.id);
  });

  it('lists the cases of every organisation below the Sở, any depth, with its own', async () => {
    // Thuận An's thousand cases fill the first pages: each is looked for by its words.
    const found = async (words: string, code: string) => {
      const page = await get(`/console?status=all&q=${encodeURIComponent(words)}`, soLeader.cookie);
      expect(page.statusCode).toBe(200);
      return page.body.includes(`href="/console/ho-so/${code}"`);
    };
    expect(await found('thai do chua tot', codes.noi)).toBe(true);
    expect(await found('benh vien anh em', oversight.sibling)).toBe(true);
    expect(await found('tram con', oversight.deep)).toBe(true);
    expect(await found('van phong so', oversight.so)).toBe(true);
    const first = await get('/console?status=all', soLeader.cookie);
    expect(first.body).toContain(`Hơn ${CONSOLE_INBOX_COUNT_CAP} hồ sơ`);
  });

  it('keeps a hospital’s handler and leader off the Sở’s and a sibling’s cases', async () => {
    for (const cookie of [handlerCookie, leaderCookie]) {
      for (const words of ['benh vien anh em', 'van phong so']) {
        const page = await get(`/console?status=all&q=${encodeURIComponent(words)}`, cookie);
        expect(page.statusCode).toBe(200);
        expect(page.body).not.toContain(oversight.sibling);
        expect(page.body).not.toContain(oversight.so);
      }
      for (const code of [oversight.sibling, oversight.so]) {
        expect((await get(`/console/ho-so/${code}`, cookie)).statusCode).toBe(403);
      }
    }
    // Thuận An's leader oversees the station below it, read-only too.
    expect((await get(`/console/ho-so/${oversight.deep}`, leaderCookie)).statusCode).toBe(200);
  });

  it('opens a hospital’s case read-only: no form, every move refused, nothing changed', async () => {
    const { prisma } = t.ctx.db;
    const before = await prisma.case.findUniqueOrThrow({ where: { code: oversight.sibling } });
    const eventsBefore = await prisma.caseEvent.count({ where: { caseId: before.id } });
    const messagesBefore = await prisma.message.count({ where: { caseId: before.id } });
    const page = await get(`/console/ho-so/${oversight.sibling}`, soLeader.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('chỉ xem');
    expect(page.body).not.toContain(`action="/console/ho-so/${oversight.sibling}/`);

    const post = (path: string, form: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/console/ho-so/${oversight.sibling}/${path}`,
        headers: { cookie: soLeader.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...form, _csrf: soLeader.csrfToken }).toString(),
      });
    for (const [path, form] of [
      ['thao-tac/accept', {}],
      ['thao-tac/close', { reason: 'Sở đóng hồ sơ' }],
      ['ghi-chu', { text: 'Ghi chú của Sở' }],
      ['tra-loi', { text: 'Trả lời của Sở' }],
      ['danh-tinh', { reason: 'Sở muốn biết người gửi là ai' }],
    ] as const) {
      const refused = await post(path, form);
      expect(refused.statusCode, path).toBe(403);
      expect(refused.body, path).toContain('Cơ quan quản lý chỉ xem hồ sơ của đơn vị trực thuộc');
    }
    const after = await prisma.case.findUniqueOrThrow({ where: { code: oversight.sibling } });
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(before.status);
    expect(await prisma.caseEvent.count({ where: { caseId: before.id } })).toBe(eventsBefore);
    expect(await prisma.message.count({ where: { caseId: before.id } })).toBe(messagesBefore);
    expect(await prisma.accessLog.count({ where: { caseId: before.id } })).toBe(0);
  });
});
