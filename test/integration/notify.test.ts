// The notify path on real Redis and a real database, sending through the real Telegram sender
// (telegraf) to the local fake Bot API: one row per dedupe key, sent once, 429 honoured without
// spending attempts, undeliverable recorded, per-chat pacing and the overall 30 msg/s limit.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramSender } from '../../bots/telegram/telegram-sender.js';
import { createConversationHash } from '../../src/core/keyed-hash.js';
import { createChannelSenders } from '../../src/notify/channel-sender.js';
import { deliverNotification, type DeliveryDeps } from '../../src/notify/deliver-notification.js';
import { enqueueNotification, type NotificationRequest } from '../../src/notify/enqueue-notification.js';
import { createHeldNotifications } from '../../src/notify/held-notifications.js';
import { createRecipientPacer, legacyRecipientKey, recipientKey } from '../../src/notify/recipient-pacer.js';
import { requeuePendingNotifications } from '../../src/notify/requeue-pending-notifications.js';
import { startWorkers, type WorkerHost } from '../../src/queue/worker-host.js';
import { createJobHandlers } from '../../workers/index.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let fake: FakeTelegramApi;
let deps: DeliveryDeps;
let chatSeq = 7_000_000 + Math.floor(Math.random() * 1_000_000);
const newChat = () => chatSeq++;

const request = (chatId: number, text: string, key: string): NotificationRequest => ({
  channel: 'telegram',
  recipient: { channel: 'telegram', conversationId: String(chatId) },
  content: { text },
  dedupeKey: key,
});

beforeAll(async () => {
  t = await createTestContext({ seed: false });
  fake = await startFakeTelegramApi();
  deps = {
    senders: createChannelSenders([createTelegramSender({ token: fake.token, apiRoot: fake.url })]),
    pacer: createRecipientPacer(t.redis, t.prefix),
  };
});
afterAll(async () => {
  await fake?.close();
  await t?.cleanup();
});

describe('notify without a worker', () => {
  it('stores one row and one job per dedupe key, recipient sealed, job data the id only', async () => {
    const chat = newChat();
    const first = await enqueueNotification(
      t.ctx,
      request(chat, 'Hồ sơ của bạn đã được tiếp nhận', `k-${chat}`),
    );
    const again = await enqueueNotification(
      t.ctx,
      request(chat, 'Hồ sơ của bạn đã được tiếp nhận', `k-${chat}`),
    );
    expect(first.created).toBe(true);
    expect(again).toEqual({ notificationId: first.notificationId, created: false });

    const rows = await t.ctx.db.prisma.notification.findMany({ where: { dedupeKey: `k-${chat}` } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('pending');
    expect(Buffer.from(rows[0]!.recipientCiphertext).toString('latin1')).not.toContain(String(chat));
    expect(t.ctx.sealedBox.openJson(rows[0]!.recipientCiphertext)).toEqual({
      channel: 'telegram',
      conversationId: String(chat),
    });

    const job = await t.ctx.queues.queue('notify').getJob(`notification-${first.notificationId}`);
    expect(job?.name).toBe('notify.deliver');
    expect(job?.data).toEqual({ notificationId: first.notificationId });
  });

  it('sends a row once: a second delivery finds it sent and sends nothing', async () => {
    const chat = newChat();
    const { notificationId } = await enqueueNotification(
      t.ctx,
      request(chat, 'Một lần thôi', `once-${chat}`),
    );
    expect(await deliverNotification(t.ctx, deps, notificationId)).toMatchObject({ outcome: 'sent' });
    expect(await deliverNotification(t.ctx, deps, notificationId)).toEqual({
      outcome: 'already-done',
      status: 'sent',
    });
    expect(fake.sentTo(chat)).toHaveLength(1);
    const row = await t.ctx.db.prisma.notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row.channelMessageId).toMatch(/^\d+$/);
  });

  it('keeps held ids and pacing under a keyed hash, and finds ids held under the old plain hash', async () => {
    const chat = newChat();
    const recipient = { channel: 'telegram' as const, conversationId: String(chat) };
    const held = createHeldNotifications(t.redis, t.prefix, t.ctx.sealedBox);
    // What the previous release wrote: a plain SHA-256 of the chat id, which a list of ids reverses.
    const legacy = `${t.prefix}:notify:held:${legacyRecipientKey(recipient)}`;
    await t.redis.sadd(legacy, '00000000-0000-7000-8000-000000000001');
    await held.holdUntilNextContact(recipient, '00000000-0000-7000-8000-000000000002');
    expect((await held.heldFor(recipient)).sort()).toEqual([
      '00000000-0000-7000-8000-000000000001',
      '00000000-0000-7000-8000-000000000002',
    ]);
    expect(await t.redis.exists(legacy)).toBe(0);

    // The pacing key of a chat just written to (it lives about a second).
    const { notificationId } = await enqueueNotification(
      t.ctx,
      request(chat, 'Hồ sơ của bạn đã được tiếp nhận.', `held-${chat}`),
    );
    expect(await deliverNotification(t.ctx, deps, notificationId)).toMatchObject({ outcome: 'sent' });
    expect(recipientKey(createConversationHash(t.ctx.sealedBox), recipient)).toMatch(
      /^telegram:h:[\w-]{22}$/,
    );
    const names = await t.redis.keys(`${t.prefix}:*`);
    expect(names.filter((k) => k.includes(String(chat)))).toEqual([]);
  });

  it('requeues a pending row whose job went missing', async () => {
    const chat = newChat();
    const { notificationId } = await enqueueNotification(t.ctx, request(chat, 'Mất job', `lost-${chat}`));
    await (await t.ctx.queues.queue('notify').getJob(`notification-${notificationId}`))!.remove();
    expect(await requeuePendingNotifications(t.ctx, 0)).toBeGreaterThanOrEqual(1);
    expect(await t.ctx.queues.queue('notify').getJob(`notification-${notificationId}`)).toBeTruthy();
    // A second sweep leaves the job alone.
    const before = await t.ctx.queues.queue('notify').getJobCounts('wait');
    await requeuePendingNotifications(t.ctx, 0);
    expect(await t.ctx.queues.queue('notify').getJobCounts('wait')).toEqual(before);
  });

  it('gives fresh attempts to a pending row whose job used up its attempts, and reaches every page', async () => {
    const chat = newChat();
    const { notificationId } = await enqueueNotification(t.ctx, request(chat, 'Hết lượt', `spent-${chat}`));
    const jobId = `notification-${notificationId}`;
    // Its last attempt failed and nobody marked the row (the worker died at that moment).
    const worker = new Worker(
      'notify',
      async () => {
        throw new UnrecoverableError('simulated last attempt');
      },
      { connection: t.redis, prefix: t.prefix },
    );
    try {
      await new Promise<void>((resolve) =>
        worker.on('failed', (job: Job | undefined) => {
          if (job?.id === jobId) resolve();
        }),
      );
    } finally {
      await worker.close();
    }
    const queue = t.ctx.queues.queue('notify');
    expect(await (await queue.getJob(jobId))!.getState()).toBe('failed');

    // More pending rows than one page of the sweep (200), newer than ours, all without a job.
    const older = await Promise.all(
      Array.from({ length: 230 }, (_, i) =>
        enqueueNotification(t.ctx, request(newChat(), `Cũ ${i}`, `page-${chat}-${i}`)),
      ),
    );
    await Promise.all(
      older.map(async (o) => (await queue.getJob(`notification-${o.notificationId}`))?.remove()),
    );

    expect(await requeuePendingNotifications(t.ctx, 0)).toBeGreaterThanOrEqual(231);
    const retried = (await queue.getJob(jobId))!;
    expect(await retried.getState()).toMatch(/waiting|prioritized/);
    expect(retried.attemptsMade).toBe(0);
    expect(await queue.getJob(`notification-${older.at(-1)!.notificationId}`)).toBeDefined();
    const row = await t.ctx.db.prisma.notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row.status).toBe('pending');
  });

  it('refuses content a channel cannot carry before storing anything', async () => {
    const bad = {
      ...request(newChat(), 'x', `bad-${Date.now()}`),
      content: { text: 'x', buttons: [[{ label: 'a', value: 'có dấu' }]] },
    };
    await expect(enqueueNotification(t.ctx, bad)).rejects.toMatchObject({ code: 'validation' });
    expect(await t.ctx.db.prisma.notification.count({ where: { dedupeKey: bad.dedupeKey } })).toBe(0);
  });
});

describe('notify with the worker', () => {
  let host: WorkerHost;
  beforeAll(async () => {
    // Jobs left by the tests above belong to them.
    await t.ctx.queues.queue('notify').obliterate({ force: true });
    host = startWorkers(createJobHandlers(t.ctx, { notify: deps }), {
      connection: t.redis,
      prefix: t.prefix,
      concurrency: 8,
      lockDurationMs: 30_000,
      logger: t.ctx.logger,
    });
  });
  afterAll(async () => {
    await host?.close();
  });

  const rowOf = (id: string) => t.ctx.db.prisma.notification.findUniqueOrThrow({ where: { id } });
  const until = async <T>(probe: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('retries a 429 after retry_after without spending an attempt', async () => {
    const chat = newChat();
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const { notificationId } = await enqueueNotification(t.ctx, request(chat, 'Sau 429', `r429-${chat}`));
    const [refused, sent] = await fake.waitForCalls(
      'sendMessage',
      2,
      (c) => c.params.chat_id === String(chat),
    );
    const waited = sent!.at - refused!.at;
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(2500);
    const row = await until(async () => {
      const r = await rowOf(notificationId);
      return r.status === 'sent' && r;
    });
    expect(row).toMatchObject({ attempts: 2, lastError: null });
    // BullMQ counts the successful run as an attempt; the 429 did not count.
    const job = await t.ctx.queues.queue('notify').getJob(`notification-${notificationId}`);
    expect(job?.attemptsMade).toBe(1);
  });

  it('records a blocked bot as undeliverable, without retrying', async () => {
    const chat = newChat();
    fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const { notificationId } = await enqueueNotification(t.ctx, request(chat, 'Bị chặn', `blocked-${chat}`));
    const row = await until(async () => {
      const r = await rowOf(notificationId);
      return r.status !== 'pending' && r;
    });
    expect(row).toMatchObject({ status: 'undeliverable', attempts: 1 });
    expect(row.lastError).toContain('blocked by the user');
    expect(row.lastError).not.toContain(String(chat));
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('sendMessage', (c) => c.params.chat_id === String(chat))).toHaveLength(1);
  });

  it('keeps messages to one chat a second apart, in order, while other chats go at once', async () => {
    const chat = newChat();
    const other = newChat();
    for (let i = 1; i <= 3; i++)
      await enqueueNotification(t.ctx, request(chat, `tin ${i}`, `pace-${chat}-${i}`));
    await enqueueNotification(t.ctx, request(other, 'khác', `pace-${other}`));
    const sends = await fake.waitForCalls('sendMessage', 3, (c) => c.params.chat_id === String(chat), 10_000);
    expect(sends.map((c) => c.params.text)).toEqual(['tin 1', 'tin 2', 'tin 3']);
    const gaps = sends.slice(1).map((c, i) => c.at - sends[i]!.at);
    // Measured where the fake server receives them, not where the pacer reserved the slots: the
    // pacer lets a held slot go up to 20 ms early, and the way from a slot to the server varies
    // with load (933 ms was seen in CI with another test file running beside this one, 0081).
    // Sends to one chat that were not paced arrive a few ms apart.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
    const otherSend = fake.callsOf('sendMessage', (c) => c.params.chat_id === String(other))[0]!;
    expect(otherSend.at - sends[0]!.at).toBeLessThan(900);
  });

  it('sends at most 30 messages a second overall', async () => {
    const chats = Array.from({ length: 40 }, newChat);
    // BullMQ's limiter is a fixed window that the first job started in it opens. Let the window of
    // the tests before end, so that our first job opens one: the 31st can then start only once it
    // has ended, at least a second after our first job started, so after `started`.
    const windowLeft = await t.redis.pttl(`${t.prefix}:notify:limiter`);
    if (windowLeft > 0) await new Promise((r) => setTimeout(r, windowLeft + 5));
    const started = Date.now();
    await Promise.all(chats.map((c) => enqueueNotification(t.ctx, request(c, 'đợt lớn', `burst-${c}`))));
    const wanted = new Set(chats.map(String));
    const sends = await fake.waitForCalls(
      'sendMessage',
      40,
      (c) => wanted.has(String(c.params.chat_id)),
      15_000,
    );
    const times = sends.map((c) => c.at).sort((a, b) => a - b);
    // Measured from before the first job started, not from the first send: that send may leave long
    // after its job started on a loaded machine (CI once measured 727 ms; a later run saw only 261 ms
    // between the 1st and the 31st send). Without the limiter the 40 sends take a fraction of a second.
    expect(times[30]! - started).toBeGreaterThanOrEqual(1000);
    const elapsed = times[39]! - started;
    console.log(`[measure] 40 notifications to distinct chats: ${elapsed} ms (limit 30/s)`);
  });
});
