// The Telegram adapter: updates in (long polling or webhook), channel-neutral envelopes to the
// dialog, its answers rendered back. Receives every dependency; holds no global state.
//
//   update ─▶ chat inbox (Redis: de-dup by update_id, ordered per chat, any process)
//          ─▶ map to InboundEnvelope ─▶ handle(env) ─▶ Outbound[] ─▶ sent directly
//                                                          └─ flood limit / network: notify queue
//
// A button press is answered once it is handled (answerCallbackQuery can be called only once, and
// what it says is the outcome): the presser alone sees a refusal or a confirmation, and the pressed
// message is rewritten only when the handler says what it now reads (telegram-press.renderer.ts).
import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Telegraf } from 'telegraf';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';
import type { SealedBox } from '../../src/core/sealed-box.js';
import type {
  ConversationRef,
  InboundAnswer,
  InboundEnvelope,
  Outbound,
  PressAnswer,
} from '../../src/dialog/dialog-types.js';
import { SendRejectedError, type ChannelSender } from '../../src/notify/channel-sender.js';
import { answerInbound, type AnswerInboundDeps, type AnswerPress } from '../shared/answer-inbound.js';
import { createChatInbox } from '../shared/chat-inbox.js';
import { createRedisLease } from '../shared/redis-lock.js';
import type { CommandMenu } from '../../src/officer/command-menus.js';
import { downloadTelegramFile, performCalls } from './telegram-api.js';
import { publishCommandMenus } from './telegram-menus.js';
import { describeTelegramError, toChannelError } from './telegram-errors.js';
import { RenderError, renderOutbound } from './telegram-message.renderer.js';
import { renderPress, type PressCalls } from './telegram-press.renderer.js';
import { createTelegramSender } from './telegram-sender.js';
import {
  chatOfUpdate,
  isTgUpdate,
  mapTelegramUpdate,
  type TgCallbackQuery,
  type TgUpdate,
} from './telegram-update.mapper.js';

export type DialogHandle = (env: InboundEnvelope) => Promise<InboundAnswer>;

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  /** The dialog: one envelope in, the immediate answers out. */
  handle: DialogHandle;
  logger: Logger;
  redis: Redis;
  /** Redis key prefix (QUEUE_PREFIX); the bot's keys live under `<prefix>:tg:`. */
  prefix: string;
  /** Seals updates while they wait in Redis: they hold what people typed. */
  sealedBox: SealedBox;
  /**
   * Where an answer goes when it cannot be sent at once (flood limit, network): the notify queue.
   * Without it such an answer is logged and dropped.
   */
  deferReply?: (recipient: ConversationRef, content: Outbound, dedupeKey: string) => Promise<void>;
  clock?: Clock;
  /** Command menus published when the bot starts (polling or webhook); see telegram-menus.ts. */
  commandMenus?: readonly CommandMenu[];
  /**
   * Remove the inline keyboard of a message once one of its buttons was pressed, when the handler
   * answered the press with plain messages (no PressAnswer). Default true.
   */
  retirePressedKeyboards?: boolean;
  tuning?: {
    chatLeaseMs?: number;
    sweepIntervalMs?: number;
    pollerLeaseMs?: number;
    pollerRetryMs?: number;
    handleTimeoutMs?: number;
  };
}

export interface TelegramBot {
  /** The notify worker's sender for Telegram (same token and API root). */
  readonly sender: ChannelSender;
  /** One update from the webhook, already authenticated. Resolves once stored, and handled when this process holds its chat. */
  receiveUpdate(update: unknown): Promise<'handled' | 'duplicate' | 'ignored'>;
  /** Long polling in the background, by one process at a time among all sharing Redis. */
  startPolling(): void;
  /** setWebhook with the secret token, retried in the background until Telegram accepts it. */
  startWebhook(url: string, secretToken: string): void;
  /** Publishes command menus (one staff member's private chat…); logs a refusal, never throws. */
  publishCommandMenus(menus: readonly CommandMenu[]): Promise<void>;
  /** Stops polling first, then lets the updates being handled finish. */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

interface StoredUpdate {
  receivedAt: string;
  update: TgUpdate;
}

export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { token, apiRoot, handle, redis, sealedBox } = options;
  const logger = options.logger.child({ component: 'telegram' });
  const clock = options.clock ?? systemClock;
  const tuning = {
    chatLeaseMs: 30_000,
    sweepIntervalMs: 5_000,
    pollerLeaseMs: 15_000,
    pollerRetryMs: 5_000,
    handleTimeoutMs: 60_000,
    ...options.tuning,
  };
  const retireKeyboards = options.retirePressedKeyboards ?? true;
  const keyPrefix = `${options.prefix}:tg`;

  const bot = new Telegraf(token, { telegram: { apiRoot, webhookReply: false } });
  const telegram = bot.telegram;
  const sender = createTelegramSender({ token, apiRoot });
  const inbox = createChatInbox({
    redis,
    prefix: keyPrefix,
    leaseMs: tuning.chatLeaseMs,
    onDropped: (chat, count) => logger.error({ chat, count }, 'gave up on updates that failed repeatedly'),
  });

  /** Chat ids are personal: keys and logs carry a keyed hash. */
  const chatKeyOf = (chatId: number) =>
    createHmac('sha256', token).update(String(chatId)).digest('hex').slice(0, 20);

  let stopping = false;
  const inflight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    return p;
  };

  let botInfoPromise: Promise<string | undefined> | undefined;
  const botUsername = async (): Promise<string | undefined> => {
    if (bot.botInfo) return bot.botInfo.username;
    botInfoPromise ??= telegram.getMe().then(
      (me) => {
        bot.botInfo = me;
        return me.username;
      },
      () => {
        botInfoPromise = undefined;
        return undefined;
      },
    );
    return botInfoPromise;
  };

  async function receive(update: unknown): Promise<'handled' | 'duplicate' | 'ignored'> {
    if (!isTgUpdate(update)) return 'ignored';
    const chat = chatOfUpdate(update);
    if (!chat) {
      if (update.callback_query) void answerButton(update.callback_query, { message: 'keep' });
      return 'ignored';
    }
    const chatKey = chatKeyOf(chat.id);
    const stored: StoredUpdate = { receivedAt: clock.now().toISOString(), update };
    const sealed = sealedBox.seal(JSON.stringify(stored)).toString('base64');
    if (!(await inbox.add(chatKey, { id: String(update.update_id), score: update.update_id }, sealed))) {
      logger.info({ update: update.update_id, chat: chatKey }, 'repeated telegram update ignored');
      return 'duplicate';
    }
    await drain(chatKey);
    return 'handled';
  }

  function drain(chatKey: string): Promise<void> {
    return track(
      inbox
        .drain(chatKey, (id, sealed) => processStored(chatKey, Number(id), sealed))
        .catch((err: unknown) =>
          logger.warn({ chat: chatKey, err: { message: (err as Error).message } }, 'chat drain interrupted'),
        ),
    );
  }

  /**
   * The presser's answer, then the pressed message, then the notice in full privately. Each step
   * may fail on its own (a query older than Telegram keeps, an unchanged message): logged, no more.
   */
  async function answerButton(query: TgCallbackQuery, press: PressAnswer | undefined): Promise<void> {
    let calls: PressCalls;
    try {
      calls = renderPress(press, { retireKeyboard: retireKeyboards });
    } catch (err) {
      logger.error({ err: { message: (err as Error).message } }, 'a rewritten message could not be rendered');
      calls = renderPress(press?.notice ? { notice: press.notice, message: 'keep' } : { message: 'keep' }, {
        retireKeyboard: false,
      });
    }
    const attempt = async (what: string, call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (err) {
        logger.debug({ err: describeTelegramError(err) }, `${what} failed`);
      }
    };
    await attempt('answering a button press', () =>
      telegram.answerCbQuery(
        query.id,
        calls.answer.text,
        calls.answer.show_alert ? { show_alert: true } : undefined,
      ),
    );
    const pressed = query.message;
    const edit = calls.edit;
    if (pressed && edit?.kind === 'text') {
      await attempt('rewriting a pressed message', () =>
        telegram.editMessageText(pressed.chat.id, pressed.message_id, undefined, edit.text, {
          ...(edit.reply_markup ? { reply_markup: edit.reply_markup } : {}),
          link_preview_options: { is_disabled: true },
        }),
      );
    } else if (pressed && edit?.kind === 'remove_keyboard') {
      await attempt('retiring a pressed keyboard', () =>
        telegram.editMessageReplyMarkup(pressed.chat.id, pressed.message_id, undefined, undefined),
      );
    }
    const copy = calls.privateCopy;
    if (copy) {
      // A private chat's id is the person's user id; it fails harmlessly if they never wrote to the bot.
      await attempt('sending a notice privately', () =>
        telegram.sendMessage(query.from.id, copy, { link_preview_options: { is_disabled: true } }),
      );
    }
  }

  const answering: AnswerInboundDeps = {
    channel: 'telegram',
    eventNoun: 'update',
    handle,
    handleTimeoutMs: tuning.handleTimeoutMs,
    send: async (recipient, content) => {
      await performCalls(
        telegram,
        renderOutbound(recipient.conversationId, content, { languageHint: recipient.languageHint }),
      );
    },
    toChannelError: (err) =>
      err instanceof RenderError ? new SendRejectedError(err.message) : toChannelError(err),
    ...(options.deferReply ? { deferReply: options.deferReply } : {}),
    logger,
  };

  async function processStored(chatKey: string, updateId: number, sealed: string): Promise<void> {
    const { receivedAt, update } = sealedBox.openJson<StoredUpdate>(Buffer.from(sealed, 'base64'));
    const env = mapTelegramUpdate(update, {
      botUsername: await botUsername(),
      download: (fileId) => downloadTelegramFile(telegram, { token, apiRoot }, fileId),
      receivedAt: new Date(receivedAt),
    });
    const query = update.callback_query;
    if (!env) {
      logger.debug({ update: updateId, chat: chatKey }, 'telegram update of a kind the dialog does not take');
      if (query) await answerButton(query, { message: 'keep' });
      return;
    }
    const answerPress: AnswerPress | undefined = query ? (press) => answerButton(query, press) : undefined;
    await answerInbound(answering, env, { update: updateId, chat: chatKey }, `tg:${updateId}`, answerPress);
  }

  // Long polling: telegraf's loop feeds the same path as the webhook. Telegraf confirms a batch
  // whatever happens to it, so an update that cannot be stored yet (Redis unreachable) holds the
  // loop here, retried, rather than being lost.
  bot.use(async (tctx) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await receive(tctx.update);
        return;
      } catch (err) {
        if (stopping || attempt >= 20) throw err;
        logger.warn(
          { update: tctx.update.update_id, err: { message: (err as Error).message } },
          'could not store a telegram update; retrying',
        );
        await sleep(Math.min(5000, 200 * 2 ** attempt), () => stopping);
      }
    }
  });
  bot.catch((err) => logger.error({ err: describeTelegramError(err) }, 'telegram update failed'));

  // Chats whose holder died are picked up by whoever sweeps next.
  let sweep: NodeJS.Timeout | undefined;
  const startSweep = () => {
    sweep ??= setInterval(() => {
      if (stopping) return;
      inbox.pendingChats().then(
        (chats) => chats.forEach((chatKey) => void drain(chatKey)),
        () => {},
      );
    }, tuning.sweepIntervalMs);
    sweep.unref();
  };

  let polling: Promise<void> | undefined;
  let stopPollingNow: (() => void) | undefined;

  let menusPublished: Promise<void> | undefined;
  const publishStartMenus = () => {
    if (options.commandMenus?.length)
      menusPublished ??= track(publishCommandMenus(telegram, options.commandMenus, logger));
  };

  function startPolling(): void {
    if (polling) return;
    startSweep();
    publishStartMenus();
    const lease = createRedisLease(redis, `${keyPrefix}:poller`, tuning.pollerLeaseMs);
    polling = (async () => {
      while (!stopping) {
        if (!(await lease.tryAcquire().catch(() => false))) {
          await sleep(tuning.pollerRetryMs, () => stopping);
          continue;
        }
        const renew = setInterval(
          () => {
            lease.renew().then(
              (ok) => {
                if (!ok) {
                  logger.warn('lost the telegram polling lease; stopping polling here');
                  stopBot();
                }
              },
              () => {},
            );
          },
          Math.floor(tuning.pollerLeaseMs / 3),
        );
        try {
          logger.info('telegram: long polling started');
          await bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] });
        } catch (err) {
          const info = describeTelegramError(err);
          if (info.code === 401 || info.code === 404) {
            logger.error(info, 'telegram refused TELEGRAM_BOT_TOKEN; the bot is off until restart');
            return;
          }
          logger.warn(info, 'telegram polling failed; retrying');
          await sleep(tuning.pollerRetryMs, () => stopping);
        } finally {
          clearInterval(renew);
          await lease.release().catch(() => {});
        }
      }
    })();
    stopPollingNow = stopBot;
  }

  function stopBot(): void {
    try {
      bot.stop('shutdown');
    } catch {
      // Not polling yet (still at getMe/deleteWebhook): the stop loop below tries again.
    }
  }

  let webhook: Promise<void> | undefined;
  function startWebhook(url: string, secretToken: string): void {
    startSweep();
    publishStartMenus();
    webhook ??= (async () => {
      for (let delay = 1000; !stopping; delay = Math.min(delay * 2, 60_000)) {
        try {
          await botUsername();
          await telegram.setWebhook(url, {
            secret_token: secretToken,
            allowed_updates: [...ALLOWED_UPDATES],
          });
          logger.info({ path: new URL(url).pathname }, 'telegram webhook registered');
          return;
        } catch (err) {
          const info = describeTelegramError(err);
          if (info.code === 401 || info.code === 404) {
            logger.error(info, 'telegram refused TELEGRAM_BOT_TOKEN; the bot is off until restart');
            return;
          }
          logger.warn(info, 'setWebhook failed; retrying');
          await sleep(delay, () => stopping);
        }
      }
    })();
  }

  return {
    sender,
    receiveUpdate: receive,
    startPolling,
    startWebhook,
    publishCommandMenus: (menus) => publishCommandMenus(telegram, menus, logger),
    async stop() {
      stopping = true;
      clearInterval(sweep);
      if (polling) {
        const done = polling.then(() => true);
        const until = Date.now() + 10_000;
        while (Date.now() < until) {
          stopPollingNow?.();
          if (await Promise.race([done, sleep(200).then(() => false)])) break;
        }
      }
      await Promise.race([Promise.allSettled([...inflight]), sleep(10_000)]);
    },
  };
}

function sleep(ms: number, cancelled?: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (cancelled?.() || Date.now() - started >= ms) return resolve();
      setTimeout(tick, Math.min(200, ms - (Date.now() - started))).unref();
    };
    tick();
  });
}
