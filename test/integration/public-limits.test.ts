// The public doors' limits over real HTTP on real Redis: two web servers built from the same code
// on the same queue prefix stand for two web processes behind a load balancer, and every limit must
// hold across them. Small limits come from the configuration; each scenario uses client addresses
// of its own (the test stands in for one reverse proxy and names the client in X-Forwarded-For).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChatRoutes, sessionKeyOf } from '../../bots/web/index.js';
import type { AppContext } from '../../src/app-context.js';
import { fixedClock } from '../../src/core/clock.js';
import { createIntakeDialogHandler } from '../../src/dialog/index.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { registerTelegramWebhookRoute } from '../../src/http/routes/telegram-webhook.routes.js';
import { createCase, resolveCase } from '../helpers/public-pages-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-11-10T03:00:00Z'));
let t: TestContext;
let dataDir: string;
const servers: FastifyInstance[] = [];
/** Two web processes sharing one Redis and one prefix. */
let urls: [string, string];
let addressNo = 0;

async function startServer(ctx: AppContext): Promise<string> {
  let url = '';
  const app = await buildHttpServer(
    ctx,
    t.redis,
    [],
    () => url,
    [
      createWebChatRoutes(ctx, {
        redis: t.redis,
        handle: createIntakeDialogHandler(ctx, { redis: t.redis }),
      }),
      (a) =>
        registerTelegramWebhookRoute(a, {
          secretToken: 'webhook-secret-0123456789',
          receiveUpdate: async () => undefined,
        }),
    ],
    {},
  );
  servers.push(app);
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  return url;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-limits-'));
  t = await createTestContext({
    clock,
    env: {
      DATA_DIR: dataDir,
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '6',
      RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '6',
      RATE_LIMIT_LOOKUPS_PER_MINUTE: '12',
      RATE_LIMIT_CHAT_SESSIONS_PER_HOUR: '2',
      RATE_LIMIT_CHAT_UPLOADS_PER_DAY: '2',
      RATE_LIMIT_CHAT_UPLOAD_MB_PER_DAY: '1',
      NEW_CASES_PER_UNIT_PER_HOUR: '2',
      NEW_CASES_PER_ORG_PER_HOUR: '3',
    },
  });
  urls = [await startServer(t.ctx), await startServer(t.ctx)];
});
afterAll(async () => {
  for (const app of servers) await app.close();
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

/** Answers are read loosely: each test names the fields it checks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** A client at its own address; its n-th request goes to server n mod 2 (a round-robin balancer). */
function client() {
  const address = `203.0.113.${++addressNo}`;
  let n = 0;
  let cookie = '';
  const request = async (
    path: string,
    init: {
      method?: string;
      json?: unknown;
      form?: Record<string, string>;
      headers?: Record<string, string>;
      body?: Buffer;
    } = {},
  ) => {
    const base = urls[n++ % 2]!;
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? (init.json !== undefined || init.form || init.body ? 'POST' : 'GET'),
      headers: {
        'x-forwarded-for': address,
        ...(cookie ? { cookie } : {}),
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      body:
        init.json !== undefined
          ? JSON.stringify(init.json)
          : init.form
            ? new URLSearchParams(init.form).toString()
            : init.body && new Uint8Array(init.body),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: () => JSON.parse(text) as Json,
    };
  };
  return { address, request };
}

/** A refusal: 429, Retry-After in seconds, the app's error shape with a Vietnamese message. */
function expectRefused(res: { status: number; headers: Headers; json: () => Json }) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  const { error } = res.json();
  expect(error.code).toBe('rate_limited');
  expect(error.message).toMatch(/Vui lòng thử lại sau/);
}

let submissionNo = 0;
const submission = (over: Record<string, unknown> = {}) => ({
  submissionId: `lim-${Date.now()}-${++submissionNo}`,
  channel: 'api',
  kind: 'report',
  unitCode: 'ta-kkb',
  text: 'Phòng chờ Khoa Khám bệnh quá nóng.',
  ...over,
});

describe('POST /api/submissions', () => {
  it('takes a few requests a minute from one address across both servers, then 429 with Retry-After', async () => {
    const c = client();
    const same = submission();
    // A resent request opens no new case: only the request limit counts it.
    for (let i = 0; i < 6; i++)
      expect((await c.request('/api/submissions', { json: same })).status).toBe(202);
    const refused = await c.request('/api/submissions', { json: same });
    expectRefused(refused);
    expect(refused.json().error.message).toContain('quá nhiều ý kiến');
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Another address is not affected.
    expect((await client().request('/api/submissions', { json: same })).status).toBe(202);
  });

  it('caps new cases from one address per unit and per organisation, and not resent ones', async () => {
    const c = client();
    const first = submission();
    expect((await c.request('/api/submissions', { json: first })).status).toBe(202);
    expect((await c.request('/api/submissions', { json: submission() })).status).toBe(202);
    const unitFull = await c.request('/api/submissions', { json: submission() });
    expectRefused(unitFull);
    expect(unitFull.json().error.message).toContain('khoa/phòng');
    expect(Number(unitFull.headers.get('retry-after'))).toBeGreaterThan(3500);

    // Another unit of the same organisation takes one more: three for the organisation.
    expect((await c.request('/api/submissions', { json: submission({ unitCode: 'ta-knoi' }) })).status).toBe(
      202,
    );
    const orgFull = await c.request('/api/submissions', { json: submission({ unitCode: 'ta-kcc' }) });
    expectRefused(orgFull);
    expect(orgFull.json().error.message).toContain('cho đơn vị này');
    // A resent request of an accepted case is still answered with its code.
    expect((await c.request('/api/submissions', { json: first })).json()).toMatchObject({ duplicate: true });
    // Another address sends to the same unit.
    expect((await client().request('/api/submissions', { json: submission() })).status).toBe(202);
    // No address in Redis key names.
    const keys = await t.redis.keys(`${t.prefix}:*`);
    expect(keys.some((k) => k.includes(c.address))).toBe(false);
  });
});

describe('web chat', () => {
  it('opens a few new sessions per address per hour, resuming is free', async () => {
    const c = client();
    const opened: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await c.request('/api/chat/session', { json: {} });
      expect(res.status).toBe(200);
      opened.push(res.json().session as string);
    }
    expectRefused(await c.request('/api/chat/session', { json: {} }));
    // A forged id is a new session, refused too; a live one resumes on either server.
    expectRefused(
      await c.request('/api/chat/session', { json: {}, headers: { 'x-chat-session': 'A'.repeat(22) } }),
    );
    for (let i = 0; i < 3; i++) {
      const resumed = await c.request('/api/chat/session', {
        json: {},
        headers: { 'x-chat-session': opened[0]! },
      });
      expect(resumed.json()).toEqual({ session: opened[0], resumed: true });
    }
  });

  const upload = (c: ReturnType<typeof client>, session: string, body: Buffer) =>
    c.request('/api/chat/upload', {
      body,
      headers: {
        'content-type': 'application/octet-stream',
        'x-chat-session': session,
        'x-chat-event-id': `evt-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        'x-file-name': 'anh.png',
        'x-file-type': 'image/png',
      },
    });
  const png = (side: number) => {
    const image = new PNG({ width: side, height: side });
    randomBytes(image.data.length).copy(image.data); // incompressible: the file is as big as the image
    return PNG.sync.write(image);
  };

  it('limits the files of one session per day, by count and by bytes, before reading them', async () => {
    const c = client();
    const session = (await c.request('/api/chat/session', { json: {} })).json().session as string;
    await c.request('/api/chat/events', {
      json: {
        eventId: `evt-start-${addressNo}`,
        lang: 'vi',
        event: { type: 'command', command: 'start', args: '' },
      },
      headers: { 'x-chat-session': session },
    });
    expect((await upload(c, session, png(4))).status).toBe(200);
    expect((await upload(c, session, png(4))).status).toBe(200);
    const third = await upload(c, session, png(4));
    expectRefused(third);
    expect(third.json().error.message).toContain('quá nhiều tệp');

    // Another session (another address): 1 MB a day, so a second 600 kB file is refused.
    const d = client();
    const other = (await d.request('/api/chat/session', { json: {} })).json().session as string;
    const big = png(400);
    expect(big.length).toBeGreaterThan(600 * 1024);
    expect((await upload(d, other, big)).status).toBe(200);
    expectRefused(await upload(d, other, big));
    // An unknown session is refused before its body is read, and counts nothing.
    expect((await upload(d, 'B'.repeat(22), png(4))).status).toBe(401);
  });
});

describe('web chat submissions', () => {
  /** One chat session of client `c`: sends events, answers with the messages' text and buttons. */
  async function chatOf(c: ReturnType<typeof client>) {
    const session = (await c.request('/api/chat/session', { json: {} })).json().session as string;
    let n = 0;
    const send = async (event: unknown) => {
      const res = await c.request('/api/chat/events', {
        json: { eventId: `evt-${session}-${++n}`, lang: 'vi', event },
        headers: { 'x-chat-session': session },
      });
      expect(res.status).toBe(200);
      return res.json().messages as { text: string; buttons?: { value: string }[][] }[];
    };
    return { session, send };
  }

  /** Writes one report to the unit through the chat, skipping what can be skipped, and confirms. */
  async function submitThroughChat(chat: Awaited<ReturnType<typeof chatOf>>, text: string): Promise<string> {
    await chat.send({ type: 'command', command: 'start', args: 'u_ta-kkb' });
    await chat.send({ type: 'choice', value: 'menu:report' });
    let messages = await chat.send({ type: 'text', text });
    // Whatever the next steps are, take the shortest answer each offers, up to the summary.
    const preferred = [
      /^summary:confirm$/,
      /^consent:agree$/,
      /:skip$/,
      /^attach:none$/,
      /^contact:anonymous$/,
    ];
    for (let step = 0; step < 12; step++) {
      const values = messages.flatMap((m) => m.buttons?.flat() ?? []).map((b) => b.value);
      const next = preferred.map((p) => values.find((v) => p.test(v))).find(Boolean);
      if (!next) throw new Error(`no way on from: ${messages.map((m) => m.text).join(' | ')}`);
      messages = await chat.send({ type: 'choice', value: next });
      if (next === 'summary:confirm') break;
    }
    return messages.map((m) => m.text).join('\n');
  }

  it('caps new cases from one address per unit in the chat too, says so in the chat, stores nothing', async () => {
    const c = client();
    const chat = await chatOf(c);
    for (let i = 0; i < 2; i++) {
      expect(await submitThroughChat(chat, `Phòng chờ khoa Khám bệnh quá nóng, lần ${i + 1}.`)).toMatch(
        /Mã hồ sơ: \S+/,
      );
    }
    const before = await t.ctx.db.prisma.intakeSubmission.count();
    const refused = await submitThroughChat(chat, 'Phòng chờ khoa Khám bệnh quá nóng, lần 3.');
    expect(refused).toContain('Chưa gửi được ý kiến');
    expect(refused).toContain('quá nhiều ý kiến mới từ cùng một nơi gửi cho khoa/phòng này');
    expect(refused).not.toMatch(/Mã hồ sơ/);
    expect(await t.ctx.db.prisma.intakeSubmission.count()).toBe(before);

    // The same counters as POST /api/submissions: that door is full for this address too.
    const api = await c.request('/api/submissions', { json: submission() });
    expectRefused(api);
    expect(api.json().error.message).toContain('khoa/phòng');
    // Another address chats to the same unit.
    expect(await submitThroughChat(await chatOf(client()), 'Phòng chờ khoa Khám bệnh quá nóng.')).toMatch(
      /Mã hồ sơ: \S+/,
    );
    // The session remembers a keyed hash of the address, never the address.
    const stored = await t.redis.get(`${t.prefix}:web:session:${sessionKeyOf(chat.session)}`);
    expect(stored).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(stored).not.toContain(c.address);
  });
});

describe('GET /api/cases/:code', () => {
  it('answers a few lookups a minute per address, then 429', async () => {
    const { code } = await createCase(t);
    const c = client();
    for (let i = 0; i < 12; i++) expect((await c.request(`/api/cases/${code}`)).status).toBe(200);
    expectRefused(await c.request(`/api/cases/${code}`));
  });

  it('counts failed lookups with the tracking page: 10 guesses on the API block both doors', async () => {
    const { code } = await createCase(t);
    const c = client();
    for (let i = 0; i < 10; i++) expect((await c.request(`/api/cases/ZZZZ-ZZZ-ZZ${i}`)).status).toBe(400);
    const blocked = await c.request(`/api/cases/${code}`);
    expectRefused(blocked);
    expect(blocked.text).not.toContain('Khoa Khám bệnh');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500);

    const page = await c.request('/tra-cuu');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const onPage = await c.request('/tra-cuu', { form: { _csrf: token, code } });
    expect(onPage.status).toBe(429);
    expect(onPage.text).toContain('Tạm dừng tra cứu');
  });

  it('is blocked once the tracking page blocked the address', async () => {
    const { code } = await createCase(t);
    const c = client();
    const page = await c.request('/tra-cuu');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    for (let i = 0; i < 10; i++)
      expect((await c.request('/tra-cuu', { form: { _csrf: token, code: `ZZZZ-ZZZ-ZZ${i}` } })).status).toBe(
        400,
      );
    const blocked = await c.request(`/api/cases/${code}`);
    expectRefused(blocked);
    expect(blocked.json().error.message).toContain('nhập sai mã quá nhiều lần');
    // Someone else still looks up.
    expect((await client().request(`/api/cases/${code}`)).status).toBe(200);
  });

  it('shows the answer of an anonymous case only with its secret, and counts a wrong secret', async () => {
    const { caseId, code, followUpSecret } = await createCase(t, { anonymous: true });
    await resolveCase(t, caseId, 'Khoa đã lắp thêm quạt.');
    const c = client();
    const bare = (await c.request(`/api/cases/${code}`)).json();
    expect(bare).toMatchObject({ answer: null, replies: null, repliesNeedSecret: true });
    const sender = client();
    const opened = (
      await sender.request(`/api/cases/${code}`, { headers: { 'x-follow-up-secret': followUpSecret! } })
    ).json();
    expect(opened.answer).toBe('Khoa đã lắp thêm quạt.');
    expect(opened.repliesNeedSecret).toBe(false);

    for (let i = 0; i < 10; i++) {
      const wrong = await c.request(`/api/cases/${code}`, {
        headers: { 'x-follow-up-secret': `sai-${i}-abcdef` },
      });
      expect(wrong.status).toBe(200);
      expect(wrong.json().answer).toBeNull();
    }
    const blocked = await c.request(`/api/cases/${code}`, {
      headers: { 'x-follow-up-secret': followUpSecret! },
    });
    expectRefused(blocked);
    expect(blocked.json().error.message).toContain('nhập sai mã quá nhiều lần');
  });
});

describe('every other door', () => {
  it('limits the pages per address, never the health checks or the webhooks', async () => {
    const c = client();
    for (let i = 0; i < 6; i++) expect((await c.request('/cong-khai')).status).toBe(200);
    const refused = await c.request('/cong-khai');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.text).toContain('quá nhiều yêu cầu');
    for (let i = 0; i < 10; i++) {
      expect((await c.request('/healthz')).status).toBe(200);
      expect((await c.request('/readyz')).status).toBe(200);
      // Telegram's servers share addresses: a webhook is judged by its secret alone.
      expect((await c.request('/webhooks/telegram', { json: { update_id: i } })).status).toBe(401);
    }
  });
});

describe('security headers', () => {
  it('sends helmet headers on pages and API answers, no HSTS over http', async () => {
    const c = client();
    for (const p of ['/tra-cuu', '/api/cases/ZZZZ-ZZZ-ZZZ', '/healthz']) {
      const res = await c.request(p);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp, p).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp.split(';').find((d) => d.includes('script-src'))).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-ratelimit-remaining')).toBeNull();
    }
    // The chat page is framed by units' sites: its own policy, no X-Frame-Options.
    const chat = await c.request('/chat/ta-kkb?embed=1');
    expect(chat.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(chat.headers.get('x-frame-options')).toBeNull();
    expect(chat.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const ctx = { ...t.ctx, config: { ...t.ctx.config, publicUrl: 'https://gopy.example.vn' } };
    const url = await startServer(ctx);
    const res = await fetch(`${url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000');
  });
});
