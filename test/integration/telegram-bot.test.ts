// The Telegram adapter on real Redis against the local fake Bot API: updates of one chat handled
// one at a time in update_id order even when two processes receive them, repeats ignored, buttons
// answered, files downloaded, answers rendered, one poller among several processes.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTelegramBot, type DialogHandle, type TelegramBot } from '../../bots/telegram/telegram-bot.js';
import { createLogger } from '../../src/core/logger.js';
import { createSealedBox } from '../../src/core/sealed-box.js';
import { publicCommandMenus, staffCommandMenus } from '../../src/officer/command-menus.js';
import type { InboundEnvelope, Outbound } from '../../src/dialog/dialog-types.js';
import { startFakeTelegramApi, tgUpdates, type FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { testRedisUrl } from '../helpers/test-redis.js';

let redis: Redis;
let fake: FakeTelegramApi;
const prefix = `t${randomBytes(5).toString('hex')}`;
const sealedBox = createSealedBox(randomBytes(32));
const bots: TelegramBot[] = [];
let chatSeq = 8_000_000 + Math.floor(Math.random() * 1_000_000);
const newChat = () => chatSeq++;

function bot(handle: DialogHandle, extra: Partial<Parameters<typeof createTelegramBot>[0]> = {}) {
  const b = createTelegramBot({
    token: fake.token,
    apiRoot: fake.url,
    handle,
    logger: createLogger('silent'),
    redis,
    prefix,
    sealedBox,
    tuning: { sweepIntervalMs: 200, pollerLeaseMs: 1500, pollerRetryMs: 100, chatLeaseMs: 3000 },
    ...extra,
  });
  bots.push(b);
  return b;
}

beforeAll(async () => {
  redis = new Redis(await testRedisUrl(), { maxRetriesPerRequest: null });
  fake = await startFakeTelegramApi();
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
});
afterAll(async () => {
  await fake?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('telegram bot', () => {
  it('handles one chat in update_id order, one at a time, across two processes; other chats in parallel', async () => {
    const log: { chat: string; text: string; start: number; end: number }[] = [];
    const handle: DialogHandle = async (env) => {
      const start = Date.now();
      await sleep(5 + Math.random() * 25);
      log.push({
        chat: env.conversation.conversationId,
        text: env.event.type === 'text' ? env.event.text : '',
        start,
        end: Date.now(),
      });
      return [];
    };
    const a = bot(handle);
    const b = bot(handle);
    const x = newChat();
    const y = newChat();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 12; i++) {
      for (const chat of [x, y]) {
        const update = { update_id: fake.nextUpdateId(), ...tgUpdates.text(chat, `m${i}`) };
        pending.push((i % 2 === 0 ? a : b).receiveUpdate(update));
      }
      await sleep(3);
    }
    await Promise.all(pending);
    await vi.waitFor(() => expect(log).toHaveLength(24), { timeout: 10_000 });

    for (const chat of [x, y]) {
      const mine = log.filter((l) => l.chat === String(chat));
      expect(mine.map((l) => l.text)).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`));
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.start).toBeGreaterThanOrEqual(mine[i - 1]!.end);
    }
    const overlapAcrossChats = log.some((l) =>
      log.some((o) => o.chat !== l.chat && o.start < l.end && l.start < o.end),
    );
    expect(overlapAcrossChats).toBe(true);
  });

  it('ignores a repeated update_id, also when another process received it', async () => {
    const handle = vi.fn<DialogHandle>(async () => [{ text: 'đã nhận' }]);
    const a = bot(handle);
    const b = bot(handle);
    const chat = newChat();
    const update = { update_id: fake.nextUpdateId(), ...tgUpdates.text(chat, 'xin chào') };
    expect(await a.receiveUpdate(update)).toBe('handled');
    expect(await b.receiveUpdate(update)).toBe('duplicate');
    expect(await a.receiveUpdate(update)).toBe('duplicate');
    expect(handle).toHaveBeenCalledTimes(1);
    expect(fake.sentTo(chat)).toHaveLength(1);
  });

  it('answers a button press answered with plain messages, retires its keyboard, and passes the choice on', async () => {
    const seen: InboundEnvelope[] = [];
    const a = bot(async (env) => {
      seen.push(env);
      return [{ text: 'Bạn đã chọn khiếu nại' }];
    });
    const chat = newChat();
    const update = { update_id: fake.nextUpdateId(), ...tgUpdates.callback(chat, 'kind:complaint', 55) };
    await a.receiveUpdate(update);
    expect(seen[0]!.event).toEqual({ type: 'choice', value: 'kind:complaint' });
    const answered = await fake.waitForCall(
      'answerCallbackQuery',
      (c) => c.params.callback_query_id === update.callback_query.id,
    );
    expect(answered).toBeTruthy();
    await fake.waitForCall('editMessageReplyMarkup', (c) => String(c.params.chat_id) === String(chat));
  });

  it('answers a press in a group to the presser only, and rewrites the pressed message only when told', async () => {
    const group = -(2_000_000_000 + newChat());
    const presser = newChat();
    const press = (data: string, messageId: number) => {
      const update = { update_id: fake.nextUpdateId(), ...tgUpdates.callback(group, data, messageId) };
      update.callback_query.from = tgUpdates.user(presser);
      update.callback_query.message.chat = { id: group, type: 'supergroup' };
      return update;
    };
    const long = `Không được phép: ${'lý do dài '.repeat(40)}`.trim();
    const a = bot(async (env) => {
      if (env.event.type !== 'choice') return [];
      if (env.event.value === 'no') {
        return {
          replies: [],
          press: { notice: { text: long, alert: true, privateCopy: true }, message: 'keep' },
        };
      }
      return {
        replies: [],
        press: {
          notice: { text: 'Đã thụ lý.' },
          message: { text: 'Trạng thái: Đã thụ lý', buttons: [[{ label: 'Bắt đầu', value: 'go' }]] },
        },
      };
    });

    const refused = press('no', 70);
    await a.receiveUpdate(refused);
    const alert = await fake.waitForCall(
      'answerCallbackQuery',
      (c) => c.params.callback_query_id === refused.callback_query.id,
    );
    expect(alert.params.show_alert).toBe(true);
    expect(String(alert.params.text).length).toBeLessThanOrEqual(200);
    expect(alert.params.text).toMatch(/xem đủ trong tin nhắn riêng/);
    const copy = await fake.waitForCall('sendMessage', (c) => String(c.params.chat_id) === String(presser));
    expect(copy.params.text).toBe(long);
    expect(fake.sentTo(group)).toHaveLength(0);

    const done = press('yes', 71);
    await a.receiveUpdate(done);
    const toast = await fake.waitForCall(
      'answerCallbackQuery',
      (c) => c.params.callback_query_id === done.callback_query.id,
    );
    expect(toast.params.text).toBe('Đã thụ lý.');
    expect(toast.params.show_alert).toBeUndefined();
    const edits = fake.calls.filter(
      (c) => c.method.startsWith('editMessage') && String(c.params.chat_id) === String(group),
    );
    expect(edits).toHaveLength(1);
    expect(edits[0]!.method).toBe('editMessageText');
    expect(Number(edits[0]!.params.message_id)).toBe(71);
    expect(edits[0]!.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Bắt đầu', callback_data: 'go' }]],
    });
    expect(fake.sentTo(group)).toHaveLength(0);
  });

  it('downloads a file the person sent through getFile and the file URL', async () => {
    const bytes = randomBytes(2048);
    const fileId = fake.addFile(bytes, 'don.pdf');
    let downloaded: Buffer | undefined;
    const a = bot(async (env) => {
      if (env.event.type === 'file') downloaded = await env.event.file.download();
      return [];
    });
    const chat = newChat();
    await a.receiveUpdate({
      update_id: fake.nextUpdateId(),
      ...tgUpdates.document(chat, fileId, 'don.pdf', 'application/pdf', bytes.length),
    });
    expect(downloaded?.equals(bytes)).toBe(true);
    expect(fake.callsOf('getFile', (c) => c.params.file_id === fileId)).toHaveLength(1);
  });

  it('renders answers: buttons as an inline keyboard, a file by multipart sendDocument', async () => {
    const pdf = Buffer.from('%PDF-1.4 phiếu tiếp nhận');
    const answers: Outbound[] = [
      { text: 'Chọn loại ý kiến', buttons: [[{ label: 'Khen ngợi', value: 'kind:praise' }]] },
      { text: 'Phiếu tiếp nhận', file: { fileName: 'phieu.pdf', mimeType: 'application/pdf', bytes: pdf } },
    ];
    const a = bot(async () => answers);
    const chat = newChat();
    await a.receiveUpdate({ update_id: fake.nextUpdateId(), ...tgUpdates.text(chat, '/start') });
    const [message, document] = fake.sentTo(chat);
    expect(message!.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Khen ngợi', callback_data: 'kind:praise' }]],
    });
    expect(document!.method).toBe('sendDocument');
    expect(document!.params.caption).toBe('Phiếu tiếp nhận');
    expect(document!.files.document?.filename).toBe('phieu.pdf');
    expect(document!.files.document?.bytes.equals(pdf)).toBe(true);
  });

  it('hands answers that hit the flood limit to the notify queue, and apologises when the dialog fails', async () => {
    const deferred: { key: string; text: string }[] = [];
    const a = bot(
      async (env) => {
        if (env.event.type === 'text' && env.event.text === 'lỗi') throw new Error('boom');
        return [{ text: 'một' }, { text: 'hai' }];
      },
      {
        deferReply: async (_recipient, content, key) => {
          deferred.push({ key, text: content.text });
        },
      },
    );
    const chat = newChat();
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests',
      parameters: { retry_after: 3 },
    });
    const update = { update_id: fake.nextUpdateId(), ...tgUpdates.text(chat, 'xin chào') };
    await a.receiveUpdate(update);
    expect(deferred).toEqual([
      { key: `tg:${update.update_id}:reply:0`, text: 'một' },
      { key: `tg:${update.update_id}:reply:1`, text: 'hai' },
    ]);

    await a.receiveUpdate({ update_id: fake.nextUpdateId(), ...tgUpdates.text(chat, 'lỗi') });
    const apology = fake.sentTo(chat).at(-1)!;
    expect(apology.params.text).toMatch(/Xin lỗi/);
  });

  it('polls from one process at a time; another takes over when it stops', async () => {
    const handled: string[] = [];
    const handle: DialogHandle = async (env) => {
      handled.push(env.event.type === 'text' ? env.event.text : '?');
      return [];
    };
    const a = bot(handle);
    const polls = fake.callsOf('getUpdates').length;
    a.startPolling();
    await fake.waitForCall(
      'getUpdates',
      (c) => fake.calls.indexOf(c) >= polls && c.params.timeout !== undefined,
    );
    const b = bot(handle);
    b.startPolling();
    await sleep(600);
    expect(fake.pollConflicts()).toBe(0);

    const chat = newChat();
    fake.queueUpdate(tgUpdates.text(chat, 'qua polling'));
    await vi.waitFor(() => expect(handled).toContain('qua polling'), { timeout: 5000 });

    await a.stop();
    fake.queueUpdate(tgUpdates.text(chat, 'sau khi đổi'));
    await vi.waitFor(() => expect(handled).toContain('sau khi đổi'), { timeout: 8000 });
    expect(handled.filter((h) => h === 'qua polling')).toHaveLength(1);
  });

  it('publishes the command menus of the registry at start: every chat and the groups, vi and en', async () => {
    const before = fake.calls.length;
    const fresh = (c: { method: string }) => fake.calls.indexOf(c as never) >= before;
    // A refused menu is logged and the bot goes on (it still polls, the other menus are sent).
    fake.failNext('setMyCommands', { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' });
    const a = bot(async () => [], { commandMenus: publicCommandMenus() });
    a.startPolling();
    const calls = await fake.waitForCalls('setMyCommands', 4, fresh);
    await fake.waitForCall('getUpdates', fresh);
    const menu = (scope: string, language?: string) =>
      calls.find((c) => c.params.scope?.type === scope && c.params.language_code === language)?.params
        .commands as { command: string; description: string }[] | undefined;
    expect(menu('all_group_chats')!.map((c) => c.command)).toContain('giaiquyet');
    expect(menu('all_group_chats', 'en')!.map((c) => c.command)).toContain('resolve');
    expect(menu('default', 'en')!.map((c) => c.command)).toContain('track');
    // The first (the Vietnamese default menu) was refused once; the others went through.
    expect(calls[0]!.params.scope).toEqual({ type: 'default' });
    expect(calls[0]!.params.language_code).toBeUndefined();

    // A staff member's private chat gets their own menu.
    await a.publishCommandMenus(staffCommandMenus('777001', ['handler']));
    const chatMenu = fake.callsOf('setMyCommands', (c) => c.params.scope?.type === 'chat');
    expect(chatMenu.map((c) => c.params.scope.chat_id)).toEqual(['777001', '777001']);
    expect(chatMenu[0]!.params.commands.map((c: { command: string }) => c.command)).not.toContain('chuyen');
  });

  it('measures: 300 updates over 30 chats through two processes, each handled once', async () => {
    const seen = new Map<string, number>();
    const handle: DialogHandle = async (env) => {
      seen.set(env.eventId, (seen.get(env.eventId) ?? 0) + 1);
      return [{ text: 'ok' }];
    };
    const a = bot(handle);
    const b = bot(handle);
    const chats = Array.from({ length: 30 }, newChat);
    const started = Date.now();
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const update = { update_id: fake.nextUpdateId(), ...tgUpdates.text(chats[i % 30]!, `tin ${i}`) };
        const t0 = Date.now();
        await (i % 2 ? a : b).receiveUpdate(update);
        latencies.push(Date.now() - t0);
      }),
    );
    await vi.waitFor(() => expect(seen.size).toBe(300), { timeout: 20_000 });
    const elapsed = Date.now() - started;
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    latencies.sort((x, y) => x - y);
    console.log(
      `[measure] 300 updates, 30 chats, 2 processes, 1 reply each: ${elapsed} ms (${Math.round(
        300_000 / elapsed,
      )} updates/s); receive p50 ${latencies[150]} ms, p95 ${latencies[285]} ms`,
    );
  });
});
