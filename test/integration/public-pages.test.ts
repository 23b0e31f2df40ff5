// The public pages over real HTTP on real Redis and a real database: tracking (mistyped vs unknown
// code, the secret of an anonymous case, CSRF, the failed-lookup limit, satisfaction once), the
// transparency page without personal data, security headers and form limits.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { createCase, resolveCase, startPagesServer } from '../helpers/public-pages-fixtures.js';
import type { FastifyInstance } from 'fastify';

const clock = fixedClock(new Date('2026-11-10T03:00:00Z')); // Tuesday 10/11/2026, 10:00 in Hà Nội
let t: TestContext;
let url: string;
let app: FastifyInstance;
let clientNo = 0;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-pages-'));
  // The test stands in for one reverse proxy: it names each "browser" in X-Forwarded-For.
  t = await createTestContext({ clock, env: { DATA_DIR: dataDir, TRUST_PROXY_HOPS: '1' } });
  ({ url, app } = await startPagesServer(t));
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

/** A browser: its own cookie jar and its own client address (trustProxy reads X-Forwarded-For). */
function browser() {
  const address = `198.51.100.${++clientNo}`;
  let cookie = '';
  const request = async (
    path: string,
    init: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${url}${path}`, {
      method: init.form ? 'POST' : 'GET',
      headers: {
        'x-forwarded-for': address,
        ...(cookie ? { cookie } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
  let token = '';
  return {
    request,
    async openTracking() {
      const page = await request('/tra-cuu');
      token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      return page;
    },
    lookup: (code: string, secret?: string) =>
      request('/tra-cuu', { form: { _csrf: token, code, ...(secret ? { secret } : {}) } }),
    rate: (code: string, score: number, extra: Record<string, string> = {}) =>
      request('/tra-cuu/danh-gia', { form: { _csrf: token, code, score: String(score), ...extra } }),
  };
}

/** Changes one symbol of a valid code so its check symbol no longer fits. */
function mistype(code: string): string {
  const chars = code.split('');
  chars[0] = chars[0] === 'A' ? 'B' : 'A';
  return chars.join('');
}

describe('security headers and limits', () => {
  it('sends CSP without inline script, no framing, nosniff and no-referrer on the pages', async () => {
    for (const path of ['/', '/tra-cuu', '/cong-khai', '/cong-khai/ttyt-thuan-an']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("'unsafe-inline' 'unsafe-eval'");
      expect(csp.split(';').find((d) => d.includes('script-src'))).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const body = await res.text();
      // No inline script anywhere: every <script> has a src.
      expect(body.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    }
  });

  it('serves the tracking script as a same-origin file', async () => {
    const res = await fetch(`${url}/assets/tra-cuu.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('location.hash');
  });

  it('refuses a form body above the limit with 413', async () => {
    const b = browser();
    await b.openTracking();
    const res = await b.request('/tra-cuu', { form: { code: 'x'.repeat(10_000) } });
    expect(res.status).toBe(413);
    expect(res.body).toContain('quá dài');
  });

  it('shows the home page with the default organisation and its hotline numbers', async () => {
    const body = await (await fetch(`${url}/`)).text();
    expect(body).toContain('Trung tâm Y tế khu vực Thuận An');
    expect(body).toContain('0900 000 200');
    expect(body).toContain('Sở Y tế TP.HCM');
    for (const href of ['/chat', '/tra-cuu', '/cong-khai']) expect(body).toContain(`href="${href}"`);
  });
});

describe('/tra-cuu', () => {
  it('refuses a POST without the CSRF token, or with a token of another cookie', async () => {
    const { code } = await createCase(t);
    const b = browser();
    await b.openTracking();
    const none = await b.request('/tra-cuu', { form: { code } });
    expect(none.status).toBe(403);
    expect(none.body).toContain('Phiên làm việc đã hết hạn');
    expect(none.body).not.toContain('Khoa Khám bệnh');

    const other = browser();
    await other.openTracking();
    const foreignToken = /name="_csrf" value="([^"]+)"/.exec((await other.request('/tra-cuu')).body)![1]!;
    const crossed = await b.request('/tra-cuu', { form: { code, _csrf: foreignToken } });
    expect(crossed.status).toBe(403);

    // Without any cookie at all (another site's form posting blindly).
    const blind = await fetch(`${url}/tra-cuu`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code, _csrf: foreignToken }).toString(),
    });
    expect(blind.status).toBe(403);
  });

  it('shows the status, unit and due date of a case; a mistyped code is told apart from an unknown one', async () => {
    const { code } = await createCase(t);
    const b = browser();
    await b.openTracking();
    const found = await b.lookup(code.toLowerCase());
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    expect(found.body).toContain(`Hồ sơ ${code}`);
    expect(found.body).toContain('Đã tiếp nhận');
    expect(found.body).toContain('Khoa Khám bệnh');
    // Received Tuesday 10/11/2026: ten working days → Tuesday 24/11/2026.
    expect(found.body).toMatch(/Hạn trả lời<\/th>\s*<td>\s*24\/11\/2026/);
    expect(found.body).toContain('Thời hạn phục vụ của đơn vị');

    const typo = await b.lookup(mistype(code));
    expect(typo.status).toBe(400);
    expect(typo.body).toContain('gõ nhầm một ký tự');

    // A well-formed code that was never issued: build one with a valid check symbol.
    const { generateTrackingCode } = await import('../../src/cases/tracking-code.js');
    const unknown = await b.lookup(generateTrackingCode());
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy hồ sơ');
  });

  it('needs the follow-up secret of an anonymous case for its answer and the satisfaction question', async () => {
    const { caseId, code, followUpSecret } = await createCase(t, { anonymous: true, kind: 'feedback' });
    expect(followUpSecret).toBeTruthy();
    await resolveCase(t, caseId, 'Đơn vị đã tiếp thu góp ý.');
    const b = browser();
    await b.openTracking();

    const without = await b.lookup(code);
    expect(without.status).toBe(200);
    expect(without.body).toContain('Đã giải quyết');
    expect(without.body).toContain('nhập cả mã bí mật');
    expect(without.body).not.toContain('Đơn vị đã tiếp thu góp ý.');
    expect(without.body).not.toContain('id="satisfaction"');

    const wrong = await b.lookup(code, 'AAAA-BBBB-CCCC');
    expect(wrong.body).toContain('Mã bí mật không đúng');
    expect(wrong.body).not.toContain('Đơn vị đã tiếp thu góp ý.');

    // Answering without the secret is refused too.
    const refused = await b.rate(code, 5);
    expect(refused.status).toBe(403);
    expect((await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).satisfaction).toBeNull();

    const right = await b.lookup(code, followUpSecret!);
    expect(right.body).toContain('Đơn vị đã tiếp thu góp ý.');
    expect(right.body).toContain('id="satisfaction"');
    const rated = await b.rate(code, 4, { secret: followUpSecret! });
    expect(rated.status).toBe(200);
    expect(rated.body).toContain('Cảm ơn bạn đã đánh giá');
    expect((await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).satisfaction).toBe(4);
  });

  it('records satisfaction once, with its audit event, and shows public replies', async () => {
    const { caseId, code } = await createCase(t, { contact: { name: 'Lê Văn Bình', phone: '0912 000 111' } });
    await t.ctx.db.prisma.message.create({
      data: {
        caseId,
        direction: 'outbound',
        visibility: 'public',
        body: 'Khoa đang kiểm tra hệ thống quạt.',
      },
    });
    const b = browser();
    await b.openTracking();
    const open = await b.lookup(code);
    expect(open.body).toContain('Khoa đang kiểm tra hệ thống quạt.');
    expect(open.body).not.toContain('id="satisfaction"'); // not resolved yet
    expect((await b.rate(code, 5)).status).toBe(422);

    await resolveCase(t, caseId);
    const resolved = await b.lookup(code);
    expect(resolved.body).toContain('Khoa đã lắp thêm quạt cho phòng chờ.');
    expect(resolved.body).toContain('id="satisfaction"');

    const first = await b.rate(code, 5, { comment: 'Cảm ơn khoa' });
    expect(first.body).toContain('Cảm ơn bạn đã đánh giá');
    expect(first.body).toContain('Bạn đã đánh giá: 5 · Rất hài lòng');
    expect(first.body).not.toContain('id="satisfaction"');

    // Sent again (double click, or someone else holding the code with another score): unchanged.
    const again = await b.rate(code, 1);
    expect(again.status).toBe(200);
    expect(again.body).toContain('đã được đánh giá trước đó');
    const row = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ satisfaction: 5, satisfactionComment: 'Cảm ơn khoa' });
    const events = await t.ctx.db.prisma.caseEvent.findMany({ where: { caseId, action: 'satisfaction' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'sender', data: { score: 5, via: 'tracking_page' } });
  });

  it('masks names and phones an officer wrote into the answer and the replies on the tracking page', async () => {
    const { caseId, code } = await createCase(t, { contact: { name: 'Lê Văn Bình', phone: '0912 000 111' } });
    await t.ctx.db.prisma.message.create({
      data: {
        caseId,
        direction: 'outbound',
        visibility: 'public',
        body: 'Chị Đặng Thu Hà phòng 203 sẽ gọi lại.',
      },
    });
    await resolveCase(t, caseId, 'Đã nhắc nhở điều dưỡng Trần Văn Khải, số 0987 654 321, phòng 12.');
    const b = browser();
    await b.openTracking();
    const page = (await b.lookup(code)).body;
    expect(page).toContain('Đã nhắc nhở điều dưỡng [họ tên], số [số điện thoại], phòng 12.');
    expect(page).toContain('Chị [họ tên] phòng 203 sẽ gọi lại.');
    for (const secret of ['Khải', 'Thu Hà', '0987 654 321']) expect(page, secret).not.toContain(secret);
  });

  it('offers the issued letters of a case through short-lived signed links, only to the sender', async () => {
    const { caseId, code, followUpSecret } = await createCase(t, { anonymous: true, kind: 'praise' });
    await resolveCase(t, caseId, 'Cảm ơn bạn đã khen ngợi.');
    const row = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    const letter = await t.ctx.db.prisma.letter.create({
      data: {
        caseId,
        organizationId: row.organizationId,
        kind: 'thank_you',
        status: 'sent',
        year: 2026,
        number: 7,
        content: {},
        filePath: `files/letters/pp-${caseId}.pdf`,
        signedAt: clock.now(),
      },
    });
    await mkdir(path.join(dataDir, 'files/letters'), { recursive: true });
    await writeFile(path.join(dataDir, letter.filePath!), Buffer.from('%PDF-1.4 thư cảm ơn'));

    const b = browser();
    await b.openTracking();
    // Without the secret of the anonymous case: no letters.
    expect((await b.lookup(code)).body).not.toContain('/tra-cuu/thu/');
    const page = await b.lookup(code, followUpSecret!);
    expect(page.body).toContain('Thư cảm ơn số 7/2026');
    const href = /href="(\/tra-cuu\/thu\/[^"]+)"/.exec(page.body)![1]!;
    expect(href).not.toContain(code);

    const download = await fetch(`${url}${href}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"$/);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('%PDF-1.4 thư cảm ơn');

    // A tampered link, and the same link after its 15 minutes, download nothing. The tag's
    // second-to-last character is changed for another: writing "xx" over the last two left the link
    // as it was when they were "xx" already (or "x" and a last character whose unused bits differ).
    const at = href.length - 2;
    const tampered = `${href.slice(0, at)}${href[at] === 'A' ? 'B' : 'A'}${href.slice(at + 1)}`;
    expect((await fetch(`${url}${tampered}`)).status).toBe(404);
    const issuedAt = clock.now();
    clock.set(new Date(issuedAt.getTime() + 16 * 60_000));
    try {
      const expired = await fetch(`${url}${href}`);
      expect(expired.status).toBe(404);
      expect(await expired.text()).toContain('đã hết hạn');
    } finally {
      clock.set(issuedAt);
    }
  });

  it('stops a client after 10 failed lookups for the rest of the window, in Vietnamese, and not others', async () => {
    const { code } = await createCase(t);
    const guesser = browser();
    await guesser.openTracking();
    for (let i = 0; i < 10; i++) expect((await guesser.lookup('ZZZZ-ZZZ-ZZ' + i)).status).toBe(400);
    const blocked = await guesser.lookup(code);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(blocked.body).toContain('thử lại sau khoảng 10 phút');
    expect(blocked.body).not.toContain('Khoa Khám bệnh');
    // Secret guessing through the satisfaction form is stopped as well.
    expect((await guesser.rate(code, 3)).status).toBe(429);

    const someoneElse = browser();
    await someoneElse.openTracking();
    expect((await someoneElse.lookup(code)).status).toBe(200);
    // Successful lookups are never counted.
    for (let i = 0; i < 12; i++) expect((await someoneElse.lookup(code)).status).toBe(200);
  });
});

describe('/cong-khai', () => {
  it('publishes counts and resolved cases without the sender’s name and phone or the accused staff name', async () => {
    const name = 'Nguyễn Thị Mai Phương';
    const phone = '0987 654 321';
    const accused = 'Trần Văn Khải';
    const { caseId } = await createCase(t, {
      text: `Điều dưỡng ${accused} quát mắng mẹ tôi ở phòng 12. Gọi tôi số ${phone}.`,
      contact: { name, phone },
      place: 'Phòng 12, Khoa Khám bệnh',
    });
    await resolveCase(t, caseId, `Đã nhắc nhở điều dưỡng ${accused} và xin lỗi bà ${name}.`);

    const res = await fetch(`${url}/cong-khai/ttyt-thuan-an?ky=2026-11`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('tháng 11/2026');
    expect(body).toContain('Khoa Khám bệnh');
    expect(body).toMatch(/id="resolved-cases"[\s\S]*Phản ánh[\s\S]*Đúng/);
    for (const secret of [
      name,
      'Phương',
      accused,
      'Khải',
      phone,
      '0987654321',
      '654 321',
      'quát mắng',
      'Phòng 12',
    ]) {
      expect(body, secret).not.toContain(secret);
    }
    // Tracking codes are not published either: with one, anyone could read the case's replies.
    const code = (await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).code;
    expect(body).not.toContain(code);
  });

  it('answers 400 to a malformed period and 404 to an unknown organisation, as pages', async () => {
    const bad = await fetch(`${url}/cong-khai/ttyt-thuan-an?ky=2026-13`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Kỳ không hợp lệ');
    const range = await fetch(`${url}/cong-khai/ttyt-thuan-an?tu=01/11/2026&den=30/11/2026`);
    expect(range.status).toBe(200);
    expect(await range.text()).toContain('từ 01/11/2026 đến 30/11/2026');
    const unknown = await fetch(`${url}/cong-khai/khong-co`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
  });
});
