// The console's door over app.inject on a real database and Redis: one-time links (used once, not
// by a GET, not after expiry), cookie flags, CSRF refusals, idle and absolute expiry, sign-out and
// the audit trail each leaves; an event stream that ends with its session instead of keeping it
// alive; a signed-in session's own rate limit beside the per-address one.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_SESSION_COOKIE } from '../../src/console/console-cookies.js';
import { issueConsoleSignInLink } from '../../src/console/console-sessions.js';
import { listStaffAuditEvents } from '../../src/console/console-session.repository.js';
import { fixedClock } from '../../src/core/clock.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { consoleCookieFor } from '../helpers/console-session.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-11-10T03:00:00Z'));
let t: TestContext;
let app: FastifyInstance;
let staffId: string;

beforeAll(async () => {
  t = await createTestContext({
    clock,
    env: {
      PUBLIC_URL: 'https://langnghe.example.vn',
      CONSOLE_SESSION_IDLE_MINUTES: '30',
      CONSOLE_SESSION_MAX_HOURS: '2',
      // The event stream checks its session every ten polls: every second here.
      CONSOLE_LIVE_POLL_MS: '100',
    },
  });
  staffId = (
    await createStaff(t.ctx, {
      organizationCode: 'ttyt-thuan-an',
      fullName: 'Cán bộ Thử',
      roles: [{ role: 'handler', unitCode: 'ta-knoi' }],
    })
  ).id;
  app = await buildHttpServer(t.ctx, t.redis, [], () => 'https://langnghe.example.vn', [], {});
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

/** The sign-in page's form: its hidden fields and the double-submit cookie that goes with them. */
async function openLink(path: string) {
  const page = await app.inject({ method: 'GET', url: path });
  expect(page.statusCode).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const token = /name="t" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = String(page.headers['set-cookie']).split(';')[0]!;
  return { page, csrf, token, cookie };
}

function submitLink(form: { csrf: string; token: string; cookie: string }) {
  return app.inject({
    method: 'POST',
    url: '/console/dang-nhap',
    headers: {
      cookie: form.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36',
    },
    payload: new URLSearchParams({ _csrf: form.csrf, t: form.token }).toString(),
  });
}

describe('console sign-in', () => {
  it('a GET shows the button and uses nothing; the POST signs in once, with a safe cookie', async () => {
    const link = await issueConsoleSignInLink(t.ctx, { staffId, via: 'cli' });
    const form = await openLink(link.path);
    expect(form.page.body).toContain('Đăng nhập');
    // A link preview fetching the address twice leaves the link usable.
    await openLink(link.path);

    const first = await submitLink(form);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/console');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${CONSOLE_SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/console');
    expect(setCookie).toContain('Secure');

    const inbox = await app.inject({
      method: 'GET',
      url: '/console',
      headers: { cookie: setCookie.split(';')[0]! },
    });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('<html lang="vi">');
    expect(inbox.body).toContain('/console/assets/htmx.min.js');
    expect(inbox.headers['cache-control']).toBe('no-store');

    const again = await submitLink(form);
    expect(again.statusCode).toBe(403);
    expect(again.body).toContain('đã được dùng');
    expect(again.headers['set-cookie']).toBeUndefined();

    const audit = await listStaffAuditEvents(t.ctx.db.prisma, staffId);
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['console_link_issued', 'console_sign_in']),
    );
  });

  it('refuses an expired link and a form without its CSRF pair', async () => {
    const link = await issueConsoleSignInLink(t.ctx, { staffId, via: 'cli' });
    const form = await openLink(link.path);
    const foreign = await submitLink({ ...form, cookie: 'ln_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(foreign.statusCode).toBe(403);
    clock.advance((t.ctx.config.console.linkTtlMinutes + 1) * 60_000);
    const late = await submitLink(form);
    expect(late.statusCode).toBe(403);
    expect(late.body).toContain('hết hạn');
    expect(late.body).toContain('/dangnhap');
  });

  it('without a token the page explains how to get one', async () => {
    const page = await app.inject({ method: 'GET', url: '/console/dang-nhap' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/dangnhap');
    expect(page.body).toContain('console:link');
  });
});

describe('console guard', () => {
  it('sends a page request without a session to sign-in, and answers 401 to htmx and JSON', async () => {
    const page = await app.inject({ method: 'GET', url: '/console', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/console/dang-nhap');
    const htmx = await app.inject({ method: 'GET', url: '/console', headers: { 'hx-request': 'true' } });
    expect(htmx.statusCode).toBe(401);
    expect(htmx.headers['hx-redirect']).toBe('/console/dang-nhap');
    const json = await app.inject({
      method: 'GET',
      url: '/console',
      headers: { accept: 'application/json' },
    });
    expect(json.statusCode).toBe(401);
    expect(json.json().error.code).toBe('unauthorized');
    const forged = await app.inject({
      method: 'GET',
      url: '/console',
      headers: { cookie: `${CONSOLE_SESSION_COOKIE}=${'A'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(303);
  });

  it('refuses a POST without the session’s CSRF token and accepts it in the field or the header', async () => {
    const { cookie, csrfToken } = await consoleCookieFor(t.ctx, staffId);
    const form = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const missing = await app.inject({
      method: 'POST',
      url: '/console/dang-xuat',
      headers: form,
      payload: '',
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Biểu mẫu đã cũ');
    const wrong = await app.inject({
      method: 'POST',
      url: '/console/dang-xuat',
      headers: { ...form, 'x-csrf-token': 'x'.repeat(csrfToken.length) },
      payload: '',
    });
    expect(wrong.statusCode).toBe(403);
    // Still signed in: the refused sign-out changed nothing.
    expect((await app.inject({ method: 'GET', url: '/console', headers: { cookie } })).statusCode).toBe(200);
    const viaHeader = await app.inject({
      method: 'POST',
      url: '/console/dang-xuat',
      headers: { ...form, 'x-csrf-token': csrfToken },
      payload: '',
    });
    expect(viaHeader.statusCode).toBe(303);
  });

  it('ends a session after the idle limit, and after the absolute limit however busy', async () => {
    const idle = await consoleCookieFor(t.ctx, staffId);
    clock.advance((t.ctx.config.console.sessionIdleMinutes - 1) * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/console', headers: { cookie: idle.cookie } })).statusCode,
    ).toBe(200);
    // The request above counted as activity: another idle period minus a minute is still fine.
    clock.advance((t.ctx.config.console.sessionIdleMinutes - 1) * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/console', headers: { cookie: idle.cookie } })).statusCode,
    ).toBe(200);
    clock.advance(t.ctx.config.console.sessionIdleMinutes * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/console', headers: { cookie: idle.cookie } })).statusCode,
    ).toBe(303);

    // Busy: a request every 20 minutes (well within the 30-minute idle limit) for 100 minutes…
    const busy = await consoleCookieFor(t.ctx, staffId);
    for (let i = 0; i < 5; i += 1) {
      clock.advance(20 * 60_000);
      expect(
        (await app.inject({ method: 'GET', url: '/console', headers: { cookie: busy.cookie } })).statusCode,
      ).toBe(200);
    }
    // …and 25 minutes later, not idle but past the 2-hour end, the session is over.
    clock.advance(25 * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/console', headers: { cookie: busy.cookie } })).statusCode,
    ).toBe(303);
  });

  it('signs out: the cookie is cleared, the session no longer opens anything, the audit says so', async () => {
    const { cookie, csrfToken } = await consoleCookieFor(t.ctx, staffId);
    const out = await app.inject({
      method: 'POST',
      url: '/console/dang-xuat',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfToken }).toString(),
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/console/dang-nhap?ra=1');
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await app.inject({ method: 'GET', url: '/console', headers: { cookie } })).statusCode).toBe(303);
    const audit = await listStaffAuditEvents(t.ctx.db.prisma, staffId);
    expect(audit.map((e) => e.action)).toContain('console_sign_out');
  });

  it('serves htmx and the console script as same-origin files, in English on request', async () => {
    const htmx = await app.inject({ method: 'GET', url: '/console/assets/htmx.min.js' });
    expect(htmx.statusCode).toBe(200);
    expect(htmx.headers['content-type']).toContain('javascript');
    const { cookie } = await consoleCookieFor(t.ctx, staffId);
    const switched = await app.inject({ method: 'GET', url: '/console/ngon-ngu/en', headers: { cookie } });
    expect(switched.statusCode).toBe(303);
    const langCookie = String(switched.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({
      method: 'GET',
      url: '/console',
      headers: { cookie: `${cookie}; ${langCookie}` },
    });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Sign out');
  });

  it('lists one’s sessions and signs out another one, or every other, never one’s own by mistake', async () => {
    const a = await consoleCookieFor(t.ctx, staffId);
    const b = await consoleCookieFor(t.ctx, staffId);
    const c = await consoleCookieFor(t.ctx, staffId);
    const list = await app.inject({ method: 'GET', url: '/console/phien', headers: { cookie: a.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Phiên này');
    const ids = [...list.body.matchAll(/name="session" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const form = (cookie: string, csrf: string, session: string) =>
      app.inject({
        method: 'POST',
        url: '/console/phien/dang-xuat',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, session }).toString(),
      });
    expect((await form(a.cookie, a.csrfToken, 'others')).statusCode).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/console', headers: { cookie: b.cookie } })).statusCode,
    ).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/console', headers: { cookie: c.cookie } })).statusCode,
    ).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/console', headers: { cookie: a.cookie } })).statusCode,
    ).toBe(200);
    const audit = await listStaffAuditEvents(t.ctx.db.prisma, staffId);
    expect(audit.filter((e) => e.action === 'console_session_revoked').length).toBeGreaterThanOrEqual(2);
  });

  it('does not keep a session alive by its event stream, and ends the stream when it idles out', async () => {
    const fresh = await consoleCookieFor(t.ctx, staffId);
    const page = await app.inject({ method: 'GET', url: '/console', headers: { cookie: fresh.cookie } });
    expect(page.body).toMatch(/<p id="live-signed-out" class="error" role="alert" hidden>/);
    expect(page.body).toContain('href="/console/dang-nhap"');

    await app.listen({ port: 0, host: '127.0.0.1' });
    const { cookie } = await consoleCookieFor(t.ctx, staffId);
    clock.advance((t.ctx.config.console.sessionIdleMinutes - 1) * 60_000);
    const stream = await openStream(cookie);
    expect(stream.status).toBe(200);
    // Listening is not use: two minutes on, the session has been idle longer than the limit.
    clock.advance(2 * 60_000);
    const text = await stream.text;
    expect(text).toContain('event: signed-out');
    expect(text).toContain('/console/dang-nhap');
    expect((await app.inject({ method: 'GET', url: '/console', headers: { cookie } })).statusCode).toBe(303);
  });

  it('counts a signed-in session’s requests on their own, not against its address', async () => {
    const limits = { ...t.ctx.config.limits, requestsPerMinute: 4, consoleSessionRequestsPerMinute: 6 };
    const limited = { ...t.ctx, config: { ...t.ctx.config, limits } };
    const ward = await buildHttpServer(limited, t.redis, [], () => 'https://langnghe.example.vn', [], {});
    try {
      const from = (remoteAddress: string) => (url: string, cookie?: string) =>
        ward.inject({ method: 'GET', url, remoteAddress, headers: cookie ? { cookie } : {} });
      const get = from('10.20.30.40');
      const a = await consoleCookieFor(t.ctx, staffId);
      const b = await consoleCookieFor(t.ctx, staffId);
      // One officer asks more than the address may: served up to the session's own limit.
      for (let i = 0; i < 6; i += 1) expect((await get('/console', a.cookie)).statusCode).toBe(200);
      const refused = await get('/console', a.cookie);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      // A colleague behind the same address has a count of their own…
      expect((await get('/console', b.cookie)).statusCode).toBe(200);
      // …and the address's count was untouched: the sign-in page (no session) answers four times.
      for (let i = 0; i < 4; i += 1) expect((await get('/console/dang-nhap')).statusCode).toBe(200);
      expect((await get('/console/dang-nhap')).statusCode).toBe(429);
      // A cookie that opens no session counts against its address, on a signed-in route too.
      const stranger = from('10.20.30.41');
      const bogus = `${CONSOLE_SESSION_COOKIE}=${'x'.repeat(43)}`;
      for (let i = 0; i < 4; i += 1) expect((await stranger('/console', bogus)).statusCode).toBe(303);
      expect((await stranger('/console', bogus)).statusCode).toBe(429);
    } finally {
      await ward.close();
    }
  });
});

/** GET /console/su-kien on the listening app: its status once it starts, and its text once it ends. */
function openStream(cookie: string): Promise<{ status: number; text: Promise<string> }> {
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/console/su-kien', headers: { cookie, accept: 'text/event-stream' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        const ended = new Promise<string>((done) => response.on('end', () => done(text)));
        response.once('data', (chunk: string) => {
          text += chunk;
          response.on('data', (more: string) => (text += more));
          resolve({ status: response.statusCode ?? 0, text: ended });
        });
      },
    );
    request.on('error', reject);
  });
}
