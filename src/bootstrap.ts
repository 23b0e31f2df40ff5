// Builds and starts the app: `all` (the embedded default: HTTP and every worker in one process),
// `web` or `worker` (production, any number of each). Shutdown runs in the reverse order of start.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';
import type { Config } from './config/config.js';
import { systemClock, type Clock } from './core/clock.js';
import { lockDataDir, loadOrCreateEncryptionKey } from './core/data-dir.js';
import { createLogger, type Logger } from './core/logger.js';
import { createSealedBox } from './core/sealed-box.js';
import { openDatabase } from './db/database.js';
import { importDataDirFiles } from './files/file-store.js';
import { findOrganizationByCode } from './intake/intake.repository.js';
import { requeuePendingSubmissions } from './intake/requeue-pending-submissions.js';
import { requeuePendingCaseEffects } from './cases/case-effects.queue.js';
import { SAMPLE_DEFAULT_ORG_CODE } from './directory/sample-directory.js';
import { isDirectoryEmpty, seedSampleDirectory } from './directory/seed-sample-directory.js';
import { buildHttpServer } from './http/http-server.js';
import { startEmbeddedRedis } from './queue/embedded-redis.js';
import { createJobQueues } from './queue/job-queues.js';
import { connectRedis } from './queue/redis-connection.js';
import { startWorkers } from './queue/worker-host.js';
import { createJobFailureCounts } from './metrics/job-failures.js';
import { createMetricsRoutes } from './http/routes/metrics.routes.js';
import { scheduleDeadlineJobs } from './deadlines/deadline-schedulers.js';
import { scheduleTableStatistics } from './db/table-statistics.js';
import { createJobHandlers } from '../workers/index.js';
import { createIntakeDialogHandler } from './dialog/index.js';
import { createBotRouter } from './officer/bot-router.js';
import { publicCommandMenus, staffCommandMenus } from './officer/command-menus.js';
import { parseOrganizationPolicy } from './directory/organization-settings.js';
import { findOrganizationById } from './directory/directory.repository.js';
import { createHotlineFormHandler } from './officer/hotline-form.handler.js';
import { createRedisHotlineFormStore } from './officer/hotline-form.store.js';
import { createReceptionFormHandler } from './officer/reception-form.handler.js';
import { createRedisReceptionFormStore } from './officer/reception-form.store.js';
import { createRedisButtonPromptStore } from './officer/button-prompt.js';
import { completeUnfinishedLetters } from './letters/complete-unfinished-letters.js';
import { createTelegramBot, createTelegramSender, type TelegramBot } from '../bots/telegram/index.js';
import { createWebChatRoutes, createWebChatSender } from '../bots/web/index.js';
import {
  createZaloChannel,
  createZaloOaClient,
  createZaloQuotaWatch,
  createZaloReplyWindow,
  createZaloSender,
  zaloUserKey,
  type ZaloQuota,
  createZaloTokens,
  registerZaloWebhookRoute,
  zaloOaLink,
  zaloUnitKeyword,
  type ZaloChannel,
} from '../bots/zalo/index.js';
import {
  createMessengerChannel,
  createMessengerClient,
  createMessengerSender,
  registerMessengerWebhookRoute,
  type MessengerChannel,
} from '../bots/messenger/index.js';
import { dispatchFeedEvents } from './feeds/dispatch-feed-events.js';
import { createHeldNotifications } from './notify/held-notifications.js';
import { triageModelInForce, triageModelOrigin } from './triage/triage-model-store.js';
import type { ConversationRef, Outbound } from './dialog/dialog-types.js';
import { createChannelSenders, type SendContext } from './notify/channel-sender.js';
import { loadZaloNoticeRoute } from './notify/zalo-notice-route.js';
import { tellReceivingOffices } from './officer/tell-receiving-offices.js';
import { enqueueNotification } from './notify/enqueue-notification.js';
import { createRecipientPacer } from './notify/recipient-pacer.js';
import { requeuePendingNotifications } from './notify/requeue-pending-notifications.js';
import {
  registerTelegramWebhookRoute,
  TELEGRAM_WEBHOOK_PATH,
} from './http/routes/telegram-webhook.routes.js';

export type ProcessRole = 'all' | 'web' | 'worker';

export interface RunningApp {
  ctx: AppContext;
  /** Set when this process serves HTTP. */
  url: string | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** How often the worker looks for stored submissions whose job went missing. */
  recoveryIntervalMs?: number;
}

export async function startApp(
  role: ProcessRole,
  config: Config,
  options: StartOptions = {},
): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        logger.warn({ err }, 'error during shutdown');
      }
    }
  };

  try {
    const embeddedDb = !config.databaseUrl;
    if (embeddedDb && role !== 'all') {
      throw new Error(
        `npm run start:${role} needs DATABASE_URL: the embedded database serves a single process. Use npm start, or set DATABASE_URL.`,
      );
    }
    if (embeddedDb) stops.push(await lockDataDir(config.dataDir));

    let key = config.encryptionKey;
    if (!key) {
      const loaded = await loadOrCreateEncryptionKey(config.dataDir);
      key = loaded.key;
      if (loaded.created) {
        logger.warn(
          { file: path.join(config.dataDir, 'encryption.key') },
          'generated an encryption key for senders’ identities; back it up with the data',
        );
      }
    }

    let redisUrl = config.redisUrl;
    if (!redisUrl) {
      const embedded = await startEmbeddedRedis(config.dataDir, config.searchPath);
      redisUrl = embedded.url;
      if (role === 'all') stops.push(embedded.stop);
      logger.info({ redis: redisUrl }, 'using a redis-server started for the app');
    }
    const redis = connectRedis(redisUrl, `langnghe-${role}`);
    redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'redis connection error'));
    stops.push(async () => {
      await redis.quit().catch(() => redis.disconnect());
    });

    const db = await openDatabase({
      databaseUrl: config.databaseUrl,
      embeddedDir: path.join(config.dataDir, 'pgdata'),
      embeddedThread: config.embeddedDbThread,
      embeddedSharedBuffersMb: config.embeddedDbSharedBuffersMb,
      preparedStatements: config.databasePreparedStatements,
    });
    stops.push(() => db.close());
    const applied = await db.migrate();
    if (applied.length) logger.info({ migrations: applied }, 'applied database migrations');
    // Files an older version kept under DATA_DIR/files move into the shared database (decision
    // 0021); reads fall back to the disk meanwhile, and a key already stored is skipped.
    const imported = await importDataDirFiles({ db, config });
    if (imported) logger.info({ files: imported }, 'copied files from DATA_DIR/files into the database');

    if (embeddedDb && config.seedOnFirstStart && (await isDirectoryEmpty(db.prisma))) {
      const seeded = await seedSampleDirectory(db.prisma);
      logger.info(seeded, 'first start: loaded the sample organisations and units');
    }
    const defaultOrgCode =
      config.defaultOrgCode ??
      ((await findOrganizationByCode(db.prisma, SAMPLE_DEFAULT_ORG_CODE))
        ? SAMPLE_DEFAULT_ORG_CODE
        : undefined);

    const queues = createJobQueues(redis, config.queuePrefix);
    stops.push(() => queues.close());

    const ctx: AppContext = {
      config: { ...config, defaultOrgCode },
      logger,
      clock: options.clock ?? systemClock,
      db,
      queues,
      sealedBox: createSealedBox(key),
    };

    // Telegram (when TELEGRAM_BOT_TOKEN is set): the bot takes updates in web processes, and every
    // worker process can send through it.
    const tg = config.telegram;
    let bot: TelegramBot | undefined;
    if (tg && (role === 'all' || role === 'web')) {
      bot = createTelegramBot({
        token: tg.botToken,
        apiRoot: tg.apiRoot,
        // Officers' commands and card buttons, invites, and the citizen dialog for everything else.
        handle: createBotRouter(ctx, {
          citizen: createIntakeDialogHandler(ctx, { redis }),
          // Known once the server listens (PORT=0 in tests); PUBLIC_URL when set.
          consoleBaseUrl: () => url,
          hotlineForms: createHotlineFormHandler(
            ctx,
            createRedisHotlineFormStore({ redis, prefix: config.queuePrefix, sealedBox: ctx.sealedBox }),
          ),
          receptionForms: createReceptionFormHandler(
            ctx,
            createRedisReceptionFormStore({ redis, prefix: config.queuePrefix, sealedBox: ctx.sealedBox }),
          ),
          buttonPrompts: createRedisButtonPromptStore({
            redis,
            prefix: config.queuePrefix,
            sealedBox: ctx.sealedBox,
          }),
          // A newly bound officer's private chat gets the menu of their roles.
          onStaffBound: async (userId, staff) => {
            const org = await findOrganizationById(db.prisma, staff.organizationId);
            const { policy } = parseOrganizationPolicy(org?.settings ?? {});
            const roles = staff.roles.map((r) => r.role);
            await bot?.publishCommandMenus(staffCommandMenus(userId, roles, policy));
          },
        }),
        // Citizens' commands in every chat, officers' in the units' groups (command-menus.ts).
        commandMenus: publicCommandMenus(),
        logger,
        redis,
        prefix: config.queuePrefix,
        sealedBox: ctx.sealedBox,
        clock: ctx.clock,
        deferReply: async (recipient, content, dedupeKey) => {
          await enqueueNotification(ctx, { channel: recipient.channel, recipient, content, dedupeKey });
        },
      });
    }

    // Zalo OA (when the ZALO_* app settings are set): webhook in web processes, sender in workers.
    // Replies carry the message_id they answer within Zalo's reply window; later notices follow
    // the organisation's policy, and those that cannot go out wait in `held` (decision 0027).
    const held = createHeldNotifications(redis, config.queuePrefix, ctx.sealedBox);
    const zalo = config.zalo;
    const zaloWindow = zalo
      ? createZaloReplyWindow(redis, config.queuePrefix, {
          windowMs: zalo.replyWindowHours * 3600_000,
          quota: zalo.replyQuota,
        })
      : undefined;
    const zaloQuotaWatch = zalo
      ? createZaloQuotaWatch({
          redis,
          prefix: config.queuePrefix,
          percents: zalo.quotaAlertPercents,
          alert: (text, key) => tellReceivingOffices(ctx, text, key),
        })
      : undefined;
    const zaloSenderOptions = {
      noticeRoute: (context: SendContext | undefined, content: Outbound) =>
        loadZaloNoticeRoute(ctx, context?.caseId, content),
      onQuota: (quota: ZaloQuota) =>
        zaloQuotaWatch
          ?.observe(quota)
          .catch((err: unknown) =>
            logger.warn({ err: { message: (err as Error).message } }, 'zalo quota alert failed'),
          ),
    };
    const zaloClient = zalo
      ? createZaloOaClient({
          apiBase: zalo.apiBase,
          znsBase: zalo.znsBase,
          tokens: createZaloTokens({
            db,
            sealedBox: ctx.sealedBox,
            redis,
            prefix: config.queuePrefix,
            oauth: zalo,
            logger,
            clock: ctx.clock,
          }),
        })
      : undefined;
    // What the webhook chat channels (Zalo, Messenger) share. Citizens only: officers work in Telegram.
    const chatChannelDeps = () => ({
      handle: createIntakeDialogHandler(ctx, { redis }),
      redis,
      prefix: config.queuePrefix,
      logger,
      sealedBox: ctx.sealedBox,
      clock: ctx.clock,
      releaseHeld: (recipient: ConversationRef) => held.releaseHeldNotifications(ctx, recipient),
      deferReply: async (recipient: ConversationRef, content: Outbound, dedupeKey: string) => {
        await enqueueNotification(ctx, { channel: recipient.channel, recipient, content, dedupeKey });
      },
    });
    let zaloChannel: ZaloChannel | undefined;
    if (zalo && zaloClient && (role === 'all' || role === 'web')) {
      zaloChannel = createZaloChannel({
        appId: zalo.appId,
        oaSecretKey: zalo.oaSecretKey,
        client: zaloClient,
        ...chatChannelDeps(),
        ...(zaloWindow ? { replyWindow: zaloWindow } : {}),
        senderOptions: zaloSenderOptions,
      });
      const running = zaloChannel;
      stops.push(() => running.stop());
    }

    // Messenger (when the MESSENGER_* settings are set): like Zalo; notices refused outside the
    // 24-hour window wait in `held` until the person writes to the Page again (decision 0032).
    const fb = config.messenger;
    const messengerClient = fb ? createMessengerClient(fb) : undefined;
    let messengerChannel: MessengerChannel | undefined;
    if (fb && messengerClient && (role === 'all' || role === 'web')) {
      messengerChannel = createMessengerChannel({
        pageId: fb.pageId,
        appSecret: fb.appSecret,
        verifyToken: fb.verifyToken,
        client: messengerClient,
        ...chatChannelDeps(),
      });
      const running = messengerChannel;
      stops.push(() => running.stop());
    }

    if (role === 'all' || role === 'worker') {
      const senders = createChannelSenders([
        ...(messengerClient ? [messengerChannel?.sender ?? createMessengerSender(messengerClient)] : []),
        ...(zaloClient && zalo
          ? [
              zaloChannel?.sender ??
                createZaloSender(zaloClient, {
                  ...zaloSenderOptions,
                  ...(zaloWindow ? { window: zaloWindow } : {}),
                  userKeyOf: (userId: string) => zaloUserKey(zalo.oaSecretKey, userId),
                  clock: ctx.clock,
                }),
            ]
          : []),
        ...(tg ? [bot?.sender ?? createTelegramSender({ token: tg.botToken, apiRoot: tg.apiRoot })] : []),
        createWebChatSender(ctx),
      ]);
      const notify = { senders, pacer: createRecipientPacer(redis, config.queuePrefix), held };
      const host = startWorkers(createJobHandlers(ctx, { notify }), {
        connection: redis,
        prefix: config.queuePrefix,
        concurrency: config.workerConcurrency,
        lockDurationMs: config.queueLockMs,
        logger: logger.child({ component: 'worker' }),
        // Counted in Redis, where /metrics on any web process reads them (workers serve no HTTP).
        onFailed: createJobFailureCounts(redis, config.queuePrefix).record,
      });
      stops.push(() => host.close());
      // The model in force is read now (the build stored the shipped one, decision 0116; a newer
      // training is in the database), not when the first case arrives and its card waits for it.
      setImmediate(() => {
        triageModelInForce(ctx).then(
          () => logger.info({ origin: triageModelOrigin() }, 'triage model in force'),
          (err: unknown) => logger.warn({ err }, 'triage model not loaded'),
        );
      });
      await scheduleDeadlineJobs(ctx);
      await scheduleTableStatistics(ctx.queues, config.databaseAnalyzeIntervalMs);
      const sweep = () =>
        Promise.all([
          requeuePendingSubmissions(ctx),
          requeuePendingCaseEffects(ctx),
          requeuePendingNotifications(ctx),
          completeUnfinishedLetters(ctx),
        ]).catch((err: unknown) => logger.warn({ err }, 'recovery sweep failed'));
      await sweep();
      const timer = setInterval(sweep, options.recoveryIntervalMs ?? 60_000);
      timer.unref();
      stops.push(async () => clearInterval(timer));
      // The event feeds' pump: new case events to the organisations' webhooks (src/feeds).
      let pumping = false;
      const feeds = setInterval(() => {
        if (pumping) return;
        pumping = true;
        dispatchFeedEvents(ctx)
          .catch((err: unknown) =>
            logger.warn({ err: { message: (err as Error).message } }, 'event feed pump failed'),
          )
          .finally(() => (pumping = false));
      }, config.webhookPollMs);
      feeds.unref();
      stops.push(async () => clearInterval(feeds));
    }

    let url: string | undefined;
    if (role === 'all' || role === 'web') {
      const http = await buildHttpServer(
        ctx,
        redis,
        [
          { name: 'database', check: () => db.ping() },
          { name: 'redis', check: async () => void (await redis.ping()) },
        ],
        () => url ?? '',
        [
          // Prometheus metrics at /metrics when METRICS_TOKEN is set; nothing otherwise.
          createMetricsRoutes(ctx, { redis }),
          // The web chat: the same citizen dialog, on /chat and /api/chat/*.
          createWebChatRoutes(ctx, { redis, handle: createIntakeDialogHandler(ctx, { redis }) }),
          // Zalo's webhook URL is set by hand in the Zalo developer console: no PUBLIC_URL needed.
          ...(zaloChannel ? [(app: FastifyInstance) => registerZaloWebhookRoute(app, zaloChannel)] : []),
          ...(messengerChannel
            ? [(app: FastifyInstance) => registerMessengerWebhookRoute(app, messengerChannel)]
            : []),
          ...(bot && config.publicUrl
            ? [
                (app: FastifyInstance) =>
                  registerTelegramWebhookRoute(app, {
                    secretToken: tg!.webhookSecret,
                    receiveUpdate: bot.receiveUpdate,
                  }),
              ]
            : []),
        ],
        // Public pages; posters print the Zalo OA link and keyword when Zalo is configured.
        { zaloLink: zaloOaLink, zaloKeyword: zaloUnitKeyword },
      );
      const address = await http.listen({ host: config.host, port: config.port });
      // Stop taking requests first: registered last, so it runs first on shutdown.
      stops.push(() => http.close());
      const port = new URL(address).port;
      url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    }

    if (bot) {
      // Webhook when the app has a public address, long polling (one poller among all web
      // processes) otherwise. Registered after HTTP, so shutdown stops taking updates first.
      if (config.publicUrl)
        bot.startWebhook(`${config.publicUrl}${TELEGRAM_WEBHOOK_PATH}`, tg!.webhookSecret);
      else bot.startPolling();
      const running = bot;
      stops.push(() => running.stop());
    }

    return { ctx, url, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
