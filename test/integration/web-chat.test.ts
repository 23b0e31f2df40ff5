// The web chat adapter's endpoints on real Redis and a real database, through the app's own HTTP
// server: sessions, the page and its headers, a repeated client event id answered again without
// running the dialog twice, the upload limit and a stored file, and polling what the notify worker
// stored for the session.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChatRoutes, createWebChatSender, sessionKeyOf } from '../../bots/web/index.js';
import { createWebChatMailbox } from '../../bots/web/web-chat-mailbox.js';
import { fixedClock } from '../../src/core/clock.js';
import { createConversationHash } from '../../src/core/keyed-hash.js';
import { draftKey } from '../../src/dialog/draft.store.js';
import { createIntakeDialogHandler } from '../../src/dialog/index.js';
import type { InboundEnvelope } from '../../src/dialog/dialog-types.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestContext;
let dataDir: string;
let app: FastifyInstance;
const handled: InboundEnvelope[] = [];
const active = new Map<string, number>();
let maxActive = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-webchat-'));
  t = await createTestContext({ clock, env: { DATA_DIR: dataDir } });
  const dialog = createIntakeDialogHandler(t.ctx, { redis: t.redis });
  app = await buildHttpServer(t.ctx, t.redis, [], () => 'http://localhost', [
    createWebChatRoutes(t.ctx, {
      redis: t.redis,
      handle: async (env) => {
        handled.push(env);
        const key = env.conversation.conversationId;
        active.set(key, (active.get(key) ?? 0) + 1);
        maxActive = Math.max(maxActive, active.get(key)!);
        try {
          // Slow enough that two tabs' events would overlap without the session's lease.
          await new Promise((resolve) => setTimeout(resolve, 30));
          return await dialog(env);
        } finally {
          active.set(key, active.get(key)! - 1);
        }
      },
    }),
  ]);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

async function newSession(): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/chat/session', payload: {} });
  expect(res.statusCode).toBe(200);
  return res.json<{ session: string }>().session;
}

let eventSeq = 0;
const newEventId = () => `evt-${Date.now()}-${++eventSeq}`;

async function send(session: string, event: unknown, eventId = newEventId()) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/chat/events',
    headers: { 'x-chat-session': session },
    payload: { eventId, lang: 'vi', event },
  });
  return {
    status: res.statusCode,
    body: res.json<{
      messages: { text: string; buttons?: { label: string; value: string }[][] }[];
      transcript?: { who: 'me' | 'bot'; text: string }[];
    }>(),
  };
}

function png(): Buffer {
  const image = new PNG({ width: 4, height: 4 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

describe('web chat endpoints', () => {
  it('serves the page of a unit, frameable, and a Vietnamese 404 for an unknown unit', async () => {
    const page = await app.inject({ method: 'GET', url: '/chat/ta-kkb?embed=1' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('role="log"');
    expect(page.body).toContain('data-unit="ta-kkb"');
    expect(page.body).toContain('Khoa Khám bệnh');
    expect(page.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(page.headers['x-frame-options']).toBeUndefined();
    const missing = await app.inject({ method: 'GET', url: '/chat/khong-co-khoa-nay' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Không tìm thấy khoa/phòng này');
    const script = await app.inject({ method: 'GET', url: '/chat/chat.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    const widget = await app.inject({ method: 'GET', url: '/chat/widget.js' });
    expect(widget.body).toContain("'/chat'");
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('creates, resumes and refuses sessions', async () => {
    const session = await newSession();
    expect(session).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const resumed = await app.inject({
      method: 'POST',
      url: '/api/chat/session',
      headers: { 'x-chat-session': session },
      payload: {},
    });
    expect(resumed.json()).toEqual({ session, resumed: true });
    const forged = await app.inject({
      method: 'POST',
      url: '/api/chat/session',
      headers: { 'x-chat-session': 'A'.repeat(22) },
      payload: {},
    });
    expect(forged.json<{ session: string }>().session).not.toBe('A'.repeat(22));
    const refused = await send('B'.repeat(22), { type: 'text', text: 'xin chào' });
    expect(refused.status).toBe(401);
    const bad = await send(session, { type: 'text', text: '' });
    expect(bad.status).toBe(400);
  });

  it('answers a repeated client event id with the same answer, running the dialog once', async () => {
    const session = await newSession();
    const start = await send(session, { type: 'command', command: 'start', args: 'u_ta-kkb' });
    expect(start.status).toBe(200);
    expect(start.body.messages.map((m) => m.text).join('\n')).toMatch(/Khoa Khám bệnh/);
    await send(session, { type: 'choice', value: 'menu:report' });

    const before = handled.length;
    const eventId = newEventId();
    const text = { type: 'text', text: 'Phòng chờ khoa Khám bệnh không có ghế cho người già ngồi.' };
    const first = await send(session, text, eventId);
    const again = await send(session, text, eventId);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(handled.length).toBe(before + 1);
    // The dialog saw the web conversation by the session's hash, never the session id itself.
    const env = handled.at(-1)!;
    expect(env.conversation).toMatchObject({ channel: 'web', conversationId: sessionKeyOf(session) });
    expect(JSON.stringify(env)).not.toContain(session);
    // …and the draft moved on once: the next question is about files.
    expect(first.body.messages.at(-1)!.text).toMatch(/ảnh|tệp/i);
  });

  it('takes a photo as the raw body and refuses a file over 10 MB before reading it', async () => {
    const session = await newSession();
    await send(session, { type: 'command', command: 'start', args: '' });
    const upload = (body: Buffer, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: '/api/chat/upload',
        headers: {
          'content-type': 'application/octet-stream',
          'x-chat-session': session,
          'x-chat-event-id': newEventId(),
          'x-file-name': encodeURIComponent('ảnh phòng chờ.png'),
          'x-file-type': 'image/png',
          ...headers,
        },
        payload: body,
      });
    const ok = await upload(png());
    expect(ok.statusCode).toBe(200);
    expect(JSON.stringify(ok.json())).toMatch(/Đã nhận tệp «ảnh phòng chờ\.png»/);

    const big = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json<{ error: { message: string } }>().error.message).toMatch(/tối đa 10 MB/);

    // A program renamed as a photo is refused by the dialog's check of the first bytes.
    const fake = await upload(Buffer.from('MZ this is not a picture'));
    expect(fake.statusCode).toBe(200);
    expect(JSON.stringify(fake.json())).not.toMatch(/Đã nhận tệp/);
  });

  it('polls what the notify worker stored for the session, once read keeps it, and sweeps after 30 days', async () => {
    const session = await newSession();
    const sessionKey = sessionKeyOf(session);
    const sender = createWebChatSender(t.ctx);
    const { channelMessageId } = await sender.send(
      { channel: 'web', conversationId: sessionKey },
      {
        text: 'Khoa đã ghi nhận ý kiến của bạn.',
        buttons: [[{ label: 'Hài lòng', value: 'sat:7K3M-9QX-PRF:4' }]],
      },
    );
    const poll = async (after?: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/chat/messages${after ? `?after=${after}` : ''}`,
          headers: { 'x-chat-session': session },
        })
      ).json<{ messages: { id: string; text: string; buttons?: unknown }[] }>().messages;
    const all = await poll();
    expect(all).toEqual([
      {
        id: channelMessageId,
        text: 'Khoa đã ghi nhận ý kiến của bạn.',
        buttons: [[{ label: 'Hài lòng', value: 'sat:7K3M-9QX-PRF:4' }]],
      },
    ]);
    expect(await poll(channelMessageId)).toEqual([]);
    const row = await t.ctx.db.prisma.webChatMessage.findUniqueOrThrow({ where: { id: channelMessageId } });
    expect(row.readAt).not.toBeNull();
    expect(row.sessionKey).toBe(sessionKey);
    expect(Buffer.from(row.ciphertext).toString('utf8')).not.toContain('ghi nhận');

    // Another session sees nothing of it.
    expect(
      await (async () => {
        const other = await newSession();
        const res = await app.inject({
          method: 'GET',
          url: '/api/chat/messages',
          headers: { 'x-chat-session': other },
        });
        return res.json<{ messages: unknown[] }>().messages;
      })(),
    ).toEqual([]);

    await t.ctx.db.prisma.webChatMessage.update({
      where: { id: channelMessageId },
      data: { createdAt: new Date(clock.now().getTime() - 31 * 24 * 3600 * 1000) },
    });
    expect(await poll()).toEqual([]);
    expect(await createWebChatMailbox(t.ctx).sweep()).toBeGreaterThanOrEqual(1);
    expect(await t.ctx.db.prisma.webChatMessage.findUnique({ where: { id: channelMessageId } })).toBeNull();
  });

  it('handles two tabs of one session one event at a time', async () => {
    const session = await newSession();
    await send(session, { type: 'command', command: 'start', args: '' });
    await send(session, { type: 'choice', value: 'menu:report' });
    const [a, b] = await Promise.all([
      send(session, { type: 'text', text: 'Tab một: nhà vệ sinh tầng hai bị hỏng vòi nước.' }),
      send(session, { type: 'choice', value: 'attach:none' }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(maxActive).toBe(1);
    const texts = [...a.body.messages, ...b.body.messages].map((m) => m.text).join('\n');
    expect(texts).not.toMatch(/bận xử lý/);
    const conversation = { channel: 'web' as const, conversationId: sessionKeyOf(session) };
    expect(
      await t.redis.exists(draftKey(t.prefix, createConversationHash(t.ctx.sealedBox), conversation)),
    ).toBe(1);
    // No key names the session id (a bearer secret); the dialog's keys not even its session key.
    const names: string[] = [];
    const scan = t.redis.scanStream({ match: `${t.prefix}:*`, count: 1000 });
    for await (const keys of scan as AsyncIterable<string[]>) names.push(...keys);
    expect(names.filter((k) => k.includes(session))).toEqual([]);
    expect(names.filter((k) => k.includes(':dialog:') && k.includes(conversation.conversationId))).toEqual(
      [],
    );
  });

  it('shows a reload what the draft said, and after 15 idle minutes asks first, hiding it until "it is mine"', async () => {
    const session = await newSession();
    const start = { type: 'command', command: 'start', args: 'u_ta-kkb' };
    await send(session, start);
    await send(session, { type: 'choice', value: 'menu:report' });
    const story = 'Nhà vệ sinh khoa Khám bệnh tầng một bị tắc từ sáng, không ai sửa.';
    await send(session, { type: 'text', text: story });
    await send(session, { type: 'choice', value: 'attach:none' });

    // A reload: the greeting and the current question, after what was said so far.
    const reload = await send(session, start);
    expect(reload.status).toBe(200);
    const said = reload.body.transcript!;
    expect(said.filter((e) => e.who === 'me').map((e) => e.text)).toEqual([
      expect.stringMatching(/Phản ánh|phản ánh/),
      story,
      expect.stringMatching(/Không có tệp/),
    ]);
    expect(said.some((e) => e.who === 'bot' && /ảnh|tệp/i.test(e.text))).toBe(true);
    // …and the reload itself is not added to it.
    expect((await send(session, start)).body.transcript).toEqual(said);

    // Left alone past the limit: the next visit gets the question and nothing of the draft, whatever
    // it sends, until the person says the draft is theirs.
    clock.advance(16 * 60_000);
    const locked = await send(session, start);
    expect(locked.body.transcript).toBeUndefined();
    expect(locked.body.messages).toHaveLength(1);
    expect(locked.body.messages[0]!.text).toMatch(/soạn dở.*16 phút/s);
    expect(locked.body.messages[0]!.buttons!.flat().map((b) => b.value)).toEqual(['web:unlock', 'restart']);
    const typed = await send(session, { type: 'text', text: 'cho tôi xem' });
    expect(JSON.stringify(typed.body)).not.toContain('tắc');
    expect(typed.body.messages[0]!.buttons!.flat().map((b) => b.value)).toEqual(['web:unlock', 'restart']);
    const mine = await send(session, { type: 'choice', value: 'web:unlock' });
    expect(mine.body.transcript).toEqual(said);
    expect(mine.body.messages.map((m) => m.text).join('\n')).toMatch(/Tiếp tục ý kiến bạn đang soạn/);
    expect((await send(session, start)).body.transcript).toEqual(said);

    // Idle again, and someone else starts over: the draft and its transcript are gone.
    clock.advance(16 * 60_000);
    await send(session, start);
    const over = await send(session, { type: 'choice', value: 'restart' });
    expect(JSON.stringify(over.body)).not.toContain('tắc');
    const fresh = await send(session, start);
    expect(fresh.body.transcript).toEqual([]);
    expect(JSON.stringify(fresh.body)).not.toContain('tắc');
  });

  it('compresses what it sends when asked, and answers the favicon', async () => {
    const page = await app.inject({
      method: 'GET',
      url: '/chat/ta-kkb',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-security-policy']).toContain('frame-ancestors *');
    const uncompressed = await app.inject({ method: 'GET', url: '/chat/ta-kkb' });
    expect(uncompressed.headers['content-encoding']).toBeUndefined();
    expect(page.rawPayload.length).toBeLessThan(uncompressed.rawPayload.length / 2);
    const script = await app.inject({
      method: 'GET',
      url: '/chat/chat.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(script.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ method: 'GET', url: '/chat/chat.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(uncompressed.body).toContain('<link rel="icon" href="/favicon.svg"');
    for (const url of ['/favicon.svg', '/favicon.ico']) {
      const icon = await app.inject({ method: 'GET', url });
      expect(icon.statusCode, url).toBe(200);
      expect(icon.headers['content-type']).toContain('image/svg+xml');
    }
  });
});
