// The app started as a user starts it, with TELEGRAM_BOT_TOKEN set and TELEGRAM_API_ROOT pointing
// at the local fake Bot API: long polling without PUBLIC_URL, the webhook with it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveTelegramWebhookSecret } from '../../src/config/config.js';
import { startAppProcess, waitFor, type AppProcess } from '../helpers/app-process.js';
import { startFakeTelegramApi, tgUpdates, type FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';

const TOKEN = '123:abc';
let chatSeq = 9_000_000 + Math.floor(Math.random() * 1_000_000);
const newChat = () => chatSeq++;

// One data directory for both apps: the second start finds the database migrated and seeded.
const shared: { env?: Record<string, string | undefined>; cleanups: (() => Promise<unknown>)[] } = {
  cleanups: [],
};
afterAll(async () => {
  for (const c of shared.cleanups.reverse()) await c();
});

async function appEnv(fake: FakeTelegramApi) {
  shared.env ??= await baseEnv(shared.cleanups);
  return { ...shared.env, TELEGRAM_API_ROOT: fake.url };
}

async function baseEnv(cleanups: (() => Promise<unknown>)[]) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-tg-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  let env: Record<string, string | undefined> = {
    DATA_DIR: dataDir,
    REDIS_URL: await testRedisUrl(),
    QUEUE_PREFIX: `e2etg${Date.now()}`,
    DATABASE_URL: undefined,
    PUBLIC_URL: undefined,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: undefined,
  };
  if (usingPostgres()) {
    const pg = await createEmptyPostgresDatabase();
    cleanups.push(pg.drop);
    env = { ...env, DATABASE_URL: pg.url, ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') };
    execFileSync(process.execPath, ['bin/langnghe.js', 'seed'], {
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    });
  }
  return env;
}

/** The bot answered this chat; with the placeholder dialog, with its notice. */
async function answerTo(fake: FakeTelegramApi, chat: number, after = 0) {
  const call = await fake.waitForCall(
    'sendMessage',
    (c) => String(c.params.chat_id) === String(chat) && c.at >= after,
    20_000,
  );
  expect(String(call.params.text).length).toBeGreaterThan(0);
  return call;
}

function handledLine(output: string, updateId: number): Record<string, unknown> | undefined {
  return output
    .split('\n')
    .filter((l) => l.includes('"telegram update handled"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.update === updateId);
}

describe('telegram by long polling (no PUBLIC_URL)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let fake: FakeTelegramApi;
  let app: AppProcess;

  beforeAll(async () => {
    fake = await startFakeTelegramApi({ token: TOKEN });
    cleanups.push(() => fake.close());
    app = await startAppProcess('all', await appEnv(fake));
    cleanups.push(() => app.stop());
    await fake.waitForCall('getUpdates', (c) => Number(c.params.timeout) > 0, 30_000);
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('picks up an update and answers it', async () => {
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    const chat = newChat();
    const update = fake.queueUpdate(tgUpdates.text(chat, 'Xin chào'));
    const answer = await answerTo(fake, chat);
    expect(String(answer.params.text)).toMatch(/Lắng Nghe|phản ánh|Xin chào|chọn/i);
    await waitFor(async () => handledLine(app.output(), update.update_id));
    // Personal data stays out of the log: no chat id, no text.
    expect(app.output()).not.toContain(String(chat));
    expect(app.output()).not.toContain('Xin chào');
  });

  it('receives /start u_ta-kkb from a QR code as the start command', async () => {
    const chat = newChat();
    const update = fake.queueUpdate(tgUpdates.text(chat, '/start u_ta-kkb'));
    await answerTo(fake, chat);
    const line = await waitFor(async () => handledLine(app.output(), update.update_id));
    expect(line).toMatchObject({ inbound: 'command', command: 'start' });
  });

  it('handles a repeated update once', async () => {
    const chat = newChat();
    const update = { update_id: fake.nextUpdateId(), ...tgUpdates.text(chat, 'hai lần') };
    fake.queueUpdates([update, update]);
    await answerTo(fake, chat);
    await waitFor(async () => app.output().includes('"repeated telegram update ignored"'));
    await new Promise((r) => setTimeout(r, 500));
    const handled = app
      .output()
      .split('\n')
      .filter((l) => l.includes(`"update":${update.update_id},`) && l.includes('"telegram update handled"'));
    expect(handled).toHaveLength(1);
  });

  it('stops polling on SIGTERM and exits cleanly', async () => {
    expect(await app.stop('SIGTERM')).toBe(0);
    const polls = fake.callsOf('getUpdates').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('getUpdates')).toHaveLength(polls);
  });
});

describe('telegram by webhook (PUBLIC_URL set)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let fake: FakeTelegramApi;
  let app: AppProcess;
  let publicUrl: string;
  const secret = deriveTelegramWebhookSecret(TOKEN);

  beforeAll(async () => {
    fake = await startFakeTelegramApi({ token: TOKEN });
    cleanups.push(() => fake.close());
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    app = await startAppProcess('all', {
      ...(await appEnv(fake)),
      PORT: String(port),
      PUBLIC_URL: publicUrl,
    });
    cleanups.push(() => app.stop());
    await fake.waitForCall('setWebhook', undefined, 30_000);
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('registers the webhook with its secret token and does not poll', () => {
    expect(fake.webhook()).toEqual({ url: `${publicUrl}/webhooks/telegram`, secret_token: secret });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('refuses a call without the right secret with 401, and nothing happens', async () => {
    const chat = newChat();
    const update = { update_id: fake.nextUpdateId(), ...tgUpdates.text(chat, 'giả mạo') };
    expect((await fake.postToWebhook(update, { secret: null })).status).toBe(401);
    expect((await fake.postToWebhook(update, { secret: 'wrong-secret-but-long-enough' })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.sentTo(chat)).toHaveLength(0);
    // Not even remembered: the genuine delivery of the same update is handled.
    expect((await fake.postToWebhook(update)).status).toBe(200);
    await answerTo(fake, chat);
  });

  it('answers an update, handles a repeated one once, and takes a deep link as a command', async () => {
    const chat = newChat();
    const update = { update_id: fake.nextUpdateId(), ...tgUpdates.text(chat, '/start u_ta-kkb') };
    const [first, second] = await Promise.all([fake.postToWebhook(update), fake.postToWebhook(update)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await answerTo(fake, chat);
    const line = await waitFor(async () => handledLine(app.output(), update.update_id));
    expect(line).toMatchObject({ inbound: 'command', command: 'start' });
    await new Promise((r) => setTimeout(r, 500));
    const handled = app
      .output()
      .split('\n')
      .filter((l) => l.includes(`"update":${update.update_id},`) && l.includes('"telegram update handled"'));
    expect(handled).toHaveLength(1);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
