// The app as bootstrap builds it (role `all`: HTTP, workers, the bots) started inside the test's
// process, for end-to-end tests that also reach into its context: a scratch DATA_DIR, its own queue
// prefix, the embedded database or a fresh PostgreSQL one (seeded as a first start seeds the
// embedded one), and its log lines read for the `… handled` signal (handled-events.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/bootstrap.js';
import { createConfig, type Config } from '../../src/config/config.js';
import type { Clock } from '../../src/core/clock.js';
import { seedSampleDirectory } from '../../src/directory/seed-sample-directory.js';
import { dropRedisPrefix } from './drop-redis-prefix.js';
import { startFakeTelegramApi, type FakeTelegramApi } from './fake-telegram-api.js';
import { recordHandledEvents, type HandledEvents } from './handled-events.js';
import { TelegramConversation } from './telegram-conversation.js';
import { createEmptyPostgresDatabase, usingPostgres } from './test-database.js';
import { testRedisUrl } from './test-redis.js';

export const E2E_ORG = 'ttyt-thuan-an';

export interface E2eApp {
  /** The running app; `restart` replaces it. */
  app: RunningApp;
  config: Config;
  dataDir: string;
  handled: HandledEvents;
  /** Stops the app and starts it again on the same data, Redis prefix and configuration. */
  restart(): Promise<RunningApp>;
  /** Stops the app, then removes what it made (the scratch database, DATA_DIR). */
  close(): Promise<void>;
}

/** `name` prefixes the scratch directory and the queue prefix; `env` adds the channels' settings. */
export async function startE2eApp(
  name: string,
  env: Record<string, string | undefined> = {},
  options: { clock?: Clock } = {},
): Promise<E2eApp> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `ln-${name}-`));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const fullEnv: Record<string, string | undefined> = {
    DATA_DIR: dataDir,
    REDIS_URL: await testRedisUrl(),
    QUEUE_PREFIX: `${name}${Date.now()}${Math.floor(Math.random() * 1000)}`,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DEFAULT_ORG_CODE: E2E_ORG,
    PATH: process.env.PATH,
    ...env,
  };
  // The app's queues, dialogs and dedup keys: dropped once it has stopped, so the suite does not
  // leave thousands of keys in the shared Redis at every run.
  cleanups.push(() => dropRedisPrefix(fullEnv.REDIS_URL!, fullEnv.QUEUE_PREFIX!));
  if (usingPostgres()) {
    const db = await createEmptyPostgresDatabase();
    cleanups.push(db.drop);
    Object.assign(fullEnv, { DATABASE_URL: db.url, ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') });
  }
  const config = createConfig(fullEnv);
  const handled = recordHandledEvents();
  const start = () =>
    startApp('all', config, { logger: handled.logger, ...(options.clock ? { clock: options.clock } : {}) });
  const e2e: E2eApp = {
    app: await start(),
    config,
    dataDir,
    handled,
    async restart() {
      await e2e.app.stop();
      e2e.app = await start();
      return e2e.app;
    },
    async close() {
      await e2e.app.stop();
      for (const c of cleanups.reverse()) await c();
    },
  };
  if (usingPostgres()) await seedSampleDirectory(e2e.app.ctx.db.prisma);
  return e2e;
}

export interface TelegramE2eApp extends E2eApp {
  fake: FakeTelegramApi;
  /** A person in a new private chat (or in the chat given, e.g. a group's negative id). */
  chat(chatId?: number): TelegramConversation;
}

/** The app with its Telegram bot long polling a local fake Bot API. */
export async function startTelegramE2eApp(
  name: string,
  env: Record<string, string | undefined> = {},
  options: { clock?: Clock } = {},
): Promise<TelegramE2eApp> {
  const fake = await startFakeTelegramApi();
  let e2e: E2eApp;
  try {
    e2e = await startE2eApp(
      name,
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...env },
      options,
    );
  } catch (err) {
    await fake.close();
    throw err;
  }
  let chatSeq = 6_000_000 + Math.floor(Math.random() * 3_000_000);
  const close = e2e.close;
  return Object.assign(e2e, {
    fake,
    chat: (chatId = chatSeq++) => new TelegramConversation(fake, chatId, e2e.handled),
    async close() {
      await close();
      await fake.close();
    },
  });
}
