// The Zalo adapter's promise on real Redis: a webhook call is answered 200 only once its event is
// stored (sealed, in the user's inbox), so an event whose process dies after the 200 is not lost —
// another process sharing Redis finds it in its sweep and hands it to the dialog. Repeats are
// acknowledged but stored once; forged, unsigned and stale calls store nothing; a user's events are
// handled in the order of their timestamps.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ZaloOaClient, ZaloQuota, ZaloRecipient } from '../../bots/zalo/zalo-api.js';
import { createZaloChannel, type DialogHandle, type ZaloChannel } from '../../bots/zalo/zalo-channel.js';
import { ZaloApiError } from '../../bots/zalo/zalo-errors.js';
import { createZaloQuotaWatch } from '../../bots/zalo/zalo-quota-watch.js';
import { createZaloReplyWindow } from '../../bots/zalo/zalo-reply-window.js';
import { createZaloSender, type ZaloNoticeRoute } from '../../bots/zalo/zalo-sender.js';
import { UndeliverableError } from '../../src/notify/channel-sender.js';
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

describe("zalo: Zalo's reply window and quotas (decision 0027)", () => {
  const windowOf = (quota: number, windowMs = 48 * 3600_000) =>
    createZaloReplyWindow(redis, prefix, { windowMs, quota });

  it('gives a message’s id to at most `quota` replies within the window; a new message opens a new one', async () => {
    const window = windowOf(3, 1000);
    const key = `u${randomBytes(4).toString('hex')}`;
    expect(await window.take(key, 1, 0)).toBeUndefined();
    await window.noteInbound(key, 'msg-1', 10_000);
    expect(await window.take(key, 2, 10_100)).toBe('msg-1');
    expect(await window.take(key, 2, 10_200)).toBeUndefined(); // only one left: nothing taken
    expect(await window.take(key, 1, 10_300)).toBe('msg-1');
    expect(await window.remaining(key, 10_300)).toBe(0);
    // The same message handled again after a crash does not get a fresh count.
    await window.noteInbound(key, 'msg-1', 10_400);
    expect(await window.remaining(key, 10_400)).toBe(0);
    // An older message handled late does not replace the newer one.
    await window.noteInbound(key, 'msg-2', 10_500);
    await window.noteInbound(key, 'msg-0', 9_000);
    expect(await window.take(key, 3, 10_600)).toBe('msg-2');
    await window.noteInbound(key, 'msg-3', 11_000);
    expect(await window.take(key, 1, 12_000)).toBeUndefined(); // the window is over
  });

  it('replies directly with the message_id until the window is spent; the rest goes to the notify queue', async () => {
    const sent: { to: ZaloRecipient; text: string }[] = [];
    const recording: ZaloOaClient = {
      ...client,
      sendMessage: (to, message) => {
        sent.push({ to, text: 'text' in message ? message.text : '' });
        return Promise.resolve({ messageId: `m${sent.length}` });
      },
    };
    const deferred: string[] = [];
    let allDeferred!: () => void;
    const done = new Promise<void>((r) => (allDeferred = r));
    const button = [[{ label: 'Tiếp', value: 'go:on' }]];
    const connection = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
    connections.push(connection);
    const c = createZaloChannel({
      appId: fake.appId,
      oaSecretKey: fake.oaSecretKey,
      client: recording,
      // Four answers with buttons: nothing to combine.
      handle: () => Promise.resolve([1, 2, 3, 4].map((i) => ({ text: `câu ${i}`, buttons: button }))),
      redis: connection,
      prefix,
      logger: createLogger('silent'),
      sealedBox,
      replyWindow: windowOf(3),
      deferReply: (_recipient, content) => {
        deferred.push(content.text);
        allDeferred();
        return Promise.resolve();
      },
    });
    channels.push(c);
    const userId = newUser();
    const { body, signature } = fake.signEvent(zaloEvents.text(userId, 'Xin chào', 'msg-window-1'));
    expect(await c.receiveWebhook(body, signature)).toMatchObject({ status: 200 });
    await done;
    expect(sent).toEqual(
      [1, 2, 3].map((i) => ({ to: { userId, messageId: 'msg-window-1' }, text: `câu ${i}` })),
    );
    expect(deferred).toEqual(['câu 4']);
  });

  it('after the window a notice follows the policy: proactive, else ZNS, else held; quotas are reported', async () => {
    const calls: string[] = [];
    const quotas: ZaloQuota[] = [];
    let proactiveRefused = false;
    const recording: ZaloOaClient = {
      ...client,
      sendMessage: (to) => {
        if (proactiveRefused) return Promise.reject(new ZaloApiError(-211, 'Out of quota'));
        calls.push(to.messageId ? `reply:${to.messageId}` : `proactive:${to.userId}`);
        return Promise.resolve({ messageId: 'm1', quota: { kind: 'proactive', remain: 7, total: 10 } });
      },
      sendZns: (request) => {
        calls.push(`zns:${request.phone}:${request.trackingId}`);
        return Promise.resolve({ messageId: 'z1', quota: { kind: 'zns', remain: 1, total: 500 } });
      },
    };
    let route: ZaloNoticeRoute = { oaVerified: false };
    const sender = createZaloSender(recording, {
      window: windowOf(8),
      userKeyOf: (id) => `k${id}`,
      noticeRoute: () => Promise.resolve(route),
      onQuota: (q) => void quotas.push(q),
    });
    const recipient = { channel: 'zalo' as const, conversationId: newUser() };
    const context = { notificationId: 'n-1', caseId: 'c-1' };
    const notice = { text: 'Hồ sơ đã có kết quả.' };

    const held = await sender.send(recipient, notice, context).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(UndeliverableError);
    expect((held as UndeliverableError).holdUntilNextContact).toBe(true);

    route = { oaVerified: true, zns: { phone: '84912345678', templateId: '1', templateData: {} } };
    await sender.send(recipient, notice, context);
    proactiveRefused = true;
    expect(await sender.send(recipient, notice, context)).toEqual({ channelMessageId: 'zns:z1' });
    expect(calls).toEqual([`proactive:${recipient.conversationId}`, 'zns:84912345678:n-1']);
    expect(quotas).toEqual([
      { kind: 'proactive', remain: 7, total: 10 },
      { kind: 'proactive', remain: 0 },
      { kind: 'zns', remain: 1, total: 500 },
    ]);

    // A question to answer (or a letter) cannot go as a ZNS template: it waits for the person.
    const question = { text: 'Bạn hài lòng không?', buttons: [[{ label: 'Hài lòng', value: 'rate:5' }]] };
    expect(await sender.send(recipient, question, context).catch((e: unknown) => e)).toBeInstanceOf(
      UndeliverableError,
    );
    // The person writes again: the notice is a reply to their message.
    proactiveRefused = false;
    await windowOf(8).noteInbound(`k${recipient.conversationId}`, 'msg-back', Date.now());
    await sender.send(recipient, notice, context);
    expect(calls.at(-1)).toBe('reply:msg-back');
  });

  it('tells officers once per threshold crossing, and again after the quota was renewed', async () => {
    const alerts: string[] = [];
    const watch = createZaloQuotaWatch({
      redis,
      prefix: `${prefix}:w${randomBytes(3).toString('hex')}`,
      percents: [20, 5, 0],
      alert: (text) => Promise.resolve(alerts.push(text)),
    });
    for (const remain of [50, 19, 18, 4, 3, 30, 15])
      await watch.observe({ kind: 'proactive', remain, total: 100 });
    await watch.observe({ kind: 'reply', remain: 0, total: 8 }); // one person's replies: not officers' business
    expect(alerts).toEqual([
      expect.stringMatching(/tin chủ động.*còn 19\/100/),
      expect.stringMatching(/còn 4\/100/),
      expect.stringMatching(/còn 15\/100/),
    ]);
  });
});
