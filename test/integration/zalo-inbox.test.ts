// The Zalo adapter's promise on real Redis: a webhook call is answered 200 only once its event is
// stored (sealed, in the user's inbox), so an event whose process dies after the 200 is not lost —
// another process sharing Redis finds it in its sweep and hands it to the dialog. Repeats are
// acknowledged but stored once; forged, unsigned and stale calls store nothing; a user's events are
// handled in the order of their timestamps.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ZaloOaClient } from '../../bots/zalo/zalo-api.js';
import { createZaloChannel, type DialogHandle, type ZaloChannel } from '../../bots/zalo/zalo-channel.js';
import { STALE_AFTER_MS } from '../../bots/zalo/zalo-signature.js';
import { createLogger } from '../../src/core/logger.js';
import { createSealedBox } from '../../src/core/sealed-box.js';
import type { InboundEnvelope } from '../../src/dialog/dialog-types.js';
import { startFakeZaloApi, zaloEvents, type FakeZaloApi } from '../helpers/fake-zalo-api.js';
import { testRedisUrl } from '../helpers/test-redis.js';

let redis: Redis;
let fake: FakeZaloApi;
const prefix = `zi${randomBytes(5).toString('hex')}`;
const sealedBox = createSealedBox(randomBytes(32));
const channels: ZaloChannel[] = [];
const connections: Redis[] = [];
let userSeq = 8_200_000_000_000_000 + Math.floor(Math.random() * 1_000_000);
const newUser = () => String(userSeq++);

/** Replies are not what these tests look at: the OA client only counts them. */
const client: ZaloOaClient = {
  sendMessage: () => Promise.resolve({ messageId: `m${randomBytes(4).toString('hex')}` }),
  sendZns: () => Promise.resolve({ messageId: `z${randomBytes(4).toString('hex')}` }),
  upload: () => Promise.resolve('attachment'),
};

/** One "process": its own Redis connection unless given one. */
async function channel(handle: DialogHandle, own?: Redis): Promise<ZaloChannel> {
  const connection = own ?? new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
  if (!own) connections.push(connection);
  const c = createZaloChannel({
    appId: fake.appId,
    oaSecretKey: fake.oaSecretKey,
    client,
    handle,
    redis: connection,
    prefix,
    logger: createLogger('silent'),
    sealedBox,
    tuning: { sweepIntervalMs: 100, userLeaseMs: 900 },
  });
  channels.push(c);
  return c;
}

function recorder() {
  const seen: InboundEnvelope[] = [];
  const handle: DialogHandle = (env) => {
    seen.push(env);
    return Promise.resolve([]);
  };
  return { seen, handle };
}

const texts = (seen: InboundEnvelope[]) => seen.map((e) => (e.event.type === 'text' ? e.event.text : '?'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(20);
  }
}

const pendingUsers = () => redis.smembers(`${prefix}:zalo:chats`);
const storedKeys = () => redis.keys(`${prefix}:zalo:chat:*`);

beforeAll(async () => {
  redis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
  fake = await startFakeZaloApi();
});
afterEach(async () => {
  await Promise.all(channels.splice(0).map((c) => c.stop()));
  for (const c of connections.splice(0)) c.disconnect();
});
afterAll(async () => {
  await fake?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('zalo inbox: acknowledged means stored', () => {
  it('an event answered 200 by a process that never handled it is handled once by another', async () => {
    const a = recorder();
    const b = recorder();
    const first = await channel(a.handle);
    // The process is going down: it still answers, but leaves the handling to whoever stays.
    await first.stop();
    const userId = newUser();
    const msgId = `msg-${randomBytes(6).toString('hex')}`;
    const { body, signature } = fake.signEvent(zaloEvents.text(userId, 'Phòng khám đông quá', msgId));

    expect(await first.receiveWebhook(body, signature)).toEqual({ status: 200, outcome: 'accepted' });
    await sleep(300);
    expect(a.seen).toHaveLength(0);
    expect(await pendingUsers()).toHaveLength(1);
    // Sealed while it waits: what the person wrote is not readable in Redis.
    for (const key of await storedKeys()) {
      if ((await redis.type(key)) !== 'hash') continue;
      for (const value of Object.values(await redis.hgetall(key))) {
        expect(value).not.toContain('Phòng khám');
        expect(Buffer.from(value, 'base64').toString('utf8')).not.toContain('Phòng khám');
      }
    }

    await channel(b.handle);
    await waitUntil(() => b.seen.length > 0);
    await sleep(500); // several more sweeps: nothing handled twice
    expect(a.seen).toHaveLength(0);
    expect(b.seen).toHaveLength(1);
    expect(b.seen[0]).toMatchObject({
      eventId: `zalo:${msgId}`,
      conversation: { channel: 'zalo', conversationId: userId },
      event: { type: 'text', text: 'Phòng khám đông quá' },
    });
    expect(await pendingUsers()).toHaveLength(0);
    expect(await storedKeys()).toHaveLength(0);
  });

  it('an event whose process dies while handling it is handled again, by another process, after the lease lapses', async () => {
    const b = recorder();
    const dyingRedis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
    connections.push(dyingRedis);
    const aSeen: InboundEnvelope[] = [];
    // The dialog runs, then the process loses everything (its Redis connection with it) before it
    // could mark the event done.
    const first = await channel((env) => {
      aSeen.push(env);
      dyingRedis.disconnect();
      return Promise.resolve([]);
    }, dyingRedis);
    const userId = newUser();
    const msgId = `msg-${randomBytes(6).toString('hex')}`;
    const { body, signature } = fake.signEvent(zaloEvents.text(userId, 'Tôi muốn góp ý', msgId));

    expect(await first.receiveWebhook(body, signature)).toEqual({ status: 200, outcome: 'accepted' });
    await waitUntil(() => aSeen.length > 0);
    await channel(b.handle);
    await waitUntil(() => b.seen.length > 0);
    await sleep(500);
    expect(aSeen).toHaveLength(1);
    expect(b.seen).toHaveLength(1);
    // The same event id both times: the dialog ignores the repeat of what it already took.
    expect(b.seen[0]!.eventId).toBe(aSeen[0]!.eventId);
    expect(b.seen[0]!.eventId).toBe(`zalo:${msgId}`);
    expect(await pendingUsers()).toHaveLength(0);
  });

  it('a repeated msg_id is acknowledged but stored and handled once', async () => {
    const r = recorder();
    const c = await channel(r.handle);
    const userId = newUser();
    const event = zaloEvents.text(userId, 'xin chào');
    const once = fake.signEvent(event);
    // Zalo's retry of the same message: same msg_id, possibly a new signature time.
    const again = fake.signEvent(event, Date.now() + 5);

    expect(await c.receiveWebhook(once.body, once.signature)).toEqual({ status: 200, outcome: 'accepted' });
    expect(await c.receiveWebhook(again.body, again.signature)).toEqual({
      status: 200,
      outcome: 'duplicate',
    });
    expect(await c.receiveWebhook(once.body, once.signature)).toEqual({
      status: 200,
      outcome: 'duplicate',
    });
    await waitUntil(() => r.seen.length > 0);
    await sleep(400);
    expect(texts(r.seen)).toEqual(['xin chào']);
  });

  it('forged, unsigned and stale calls get 401 and store nothing', async () => {
    const r = recorder();
    const c = await channel(r.handle);
    const before = await storedKeys();
    const userId = newUser();
    const signed = fake.signEvent(zaloEvents.text(userId, 'giả mạo'));
    const forged = signed.body.replace('giả mạo', 'đã sửa');
    const stale = fake.signEvent(zaloEvents.text(userId, 'cũ'), Date.now() - STALE_AFTER_MS - 60_000);

    expect(await c.receiveWebhook(forged, signed.signature)).toMatchObject({ status: 401 });
    expect(await c.receiveWebhook(signed.body, undefined)).toMatchObject({ status: 401, reason: 'unsigned' });
    expect(await c.receiveWebhook(stale.body, stale.signature)).toMatchObject({
      status: 401,
      reason: 'stale',
    });
    await sleep(300);
    expect(r.seen).toHaveLength(0);
    expect(await storedKeys()).toEqual(before);
    expect(await pendingUsers()).toHaveLength(0);
  });

  it('handles one user’s stored events in the order of their timestamps', async () => {
    const r = recorder();
    const first = await channel(r.handle);
    await first.stop();
    const userId = newUser();
    const now = Date.now();
    // Delivered out of order: the later message arrives first.
    for (const [text, at] of [
      ['ba', now - 1000],
      ['một', now - 3000],
      ['hai', now - 2000],
    ] as const) {
      const { body, signature } = fake.signEvent(zaloEvents.text(userId, text), at);
      expect(await first.receiveWebhook(body, signature)).toEqual({ status: 200, outcome: 'accepted' });
    }
    const second = recorder();
    await channel(second.handle);
    await waitUntil(() => second.seen.length === 3);
    expect(texts(second.seen)).toEqual(['một', 'hai', 'ba']);
    expect(r.seen).toHaveLength(0);
  });
});
