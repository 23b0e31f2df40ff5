// Talks to the bot as a person in one Telegram chat: type text, press a button by its label, and
// read the messages the bot sent back, through the local fake Bot API.
import type { FakeTelegramApi, RecordedCall } from './fake-telegram-api.js';
import { tgUpdates } from './fake-telegram-api.js';
import type { HandledEvents } from './handled-events.js';

type Json = Record<string, unknown>;

export interface BotReply {
  text: string;
  buttons: { text: string; data: string }[];
  call: RecordedCall;
}

function toReply(call: RecordedCall): BotReply {
  const markup = call.params.reply_markup as unknown;
  const parsed = (typeof markup === 'string' ? JSON.parse(markup) : markup) as
    { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
  return {
    text: String(call.params.text ?? call.params.caption ?? ''),
    buttons: (parsed?.inline_keyboard ?? [])
      .flat()
      .map((b) => ({ text: b.text, data: b.callback_data ?? '' })),
    call,
  };
}

export class TelegramConversation {
  readonly transcript: BotReply[] = [];

  constructor(
    readonly fake: FakeTelegramApi,
    readonly chatId: number,
    readonly handled: HandledEvents,
    readonly languageCode = 'vi',
  ) {}

  /** Everything the bot has sent this chat so far, oldest first. */
  sent(): BotReply[] {
    return this.fake.sentTo(this.chatId).map(toReply);
  }

  /**
   * Sends one update as this person and resolves with the bot's direct answers to it, once the app
   * says the update is handled. Messages queued on the way (notices, cards) may come later: wait
   * for those with `waitForMessage`.
   */
  async send(update: Json): Promise<BotReply[]> {
    const before = this.fake.sentTo(this.chatId).length;
    const queued = this.fake.queueUpdate(update) as { update_id: number };
    await this.handled.telegramUpdate(queued.update_id);
    const replies = this.sent().slice(before);
    this.transcript.push(...replies);
    return replies;
  }

  /**
   * The first message to this chat, among those from index `from` on (see `sent()`), that matches:
   * for what a queued job sends after the update that caused it was handled.
   */
  async waitForMessage(
    matches: (reply: BotReply) => boolean,
    from = 0,
    timeoutMs = 30_000,
  ): Promise<BotReply> {
    const later = (c: RecordedCall) => this.fake.sentTo(this.chatId).indexOf(c) >= from;
    const call = await this.fake.waitForCall(
      'sendMessage',
      (c) => String(c.params.chat_id) === String(this.chatId) && later(c) && matches(toReply(c)),
      timeoutMs,
    );
    return toReply(call);
  }

  say(text: string): Promise<BotReply[]> {
    const update = tgUpdates.text(this.chatId, text) as Json;
    const message = update.message as Json;
    message.from = tgUpdates.user(this.chatId, this.languageCode);
    return this.send(update);
  }

  /** Presses the button of the latest message that has one whose label matches. */
  press(label: RegExp | string): Promise<BotReply[]> {
    const match = (t: string) => (typeof label === 'string' ? t.includes(label) : label.test(t));
    for (let i = this.transcript.length - 1; i >= 0; i--) {
      const button = this.transcript[i]!.buttons.find((b) => match(b.text));
      if (button) return this.send(tgUpdates.callback(this.chatId, button.data) as Json);
    }
    throw new Error(`no button matching ${String(label)}; last message: ${this.last()?.text ?? '(none)'}`);
  }

  /** Presses a button by its value (callback data), as if it were on screen. */
  pressValue(value: string): Promise<BotReply[]> {
    return this.send(tgUpdates.callback(this.chatId, value) as Json);
  }

  sendDocument(fileId: string, fileName: string, mimeType: string, size: number): Promise<BotReply[]> {
    return this.send(tgUpdates.document(this.chatId, fileId, fileName, mimeType, size) as Json);
  }

  sendContact(phone: string): Promise<BotReply[]> {
    return this.send({
      message: {
        message_id: Math.floor(Math.random() * 1e6),
        date: Math.floor(Date.now() / 1000),
        chat: { id: this.chatId, type: 'private' },
        from: tgUpdates.user(this.chatId, this.languageCode),
        contact: { phone_number: phone, first_name: 'Người dùng', user_id: this.chatId },
      },
    });
  }

  last(): BotReply | undefined {
    return this.transcript.at(-1);
  }

  allText(): string {
    return this.transcript.map((r) => r.text).join('\n---\n');
  }
}

/** The tracking code in the bot's receipt. */
export const RECEIPT_CODE = /Mã hồ sơ: ([2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3})/;

/**
 * A citizen's named report through a department's QR link (`/start u_<unitCode>`), with nothing
 * skipped that the officers' tests need; returns the tracking code of the receipt.
 */
export async function reportThroughQrLink(
  c: TelegramConversation,
  unitCode: string,
  text: string,
  contact = { phone: '0912 345 678', name: 'Phạm Thị Lan' },
): Promise<string> {
  await c.say(`/start u_${unitCode}`);
  await c.pressValue('menu:report');
  await c.say(text);
  await c.pressValue('attach:none');
  await c.pressValue('when:skip');
  await c.pressValue('where:skip');
  await c.pressValue('involved:skip');
  await c.pressValue('contact:named');
  await c.say(contact.phone);
  await c.say(contact.name);
  await c.pressValue('consent:agree');
  const replies = await c.pressValue('summary:confirm');
  const receipt = replies.map((r) => r.text).find((t) => RECEIPT_CODE.test(t));
  if (!receipt)
    throw new Error(`no receipt with a tracking code in: ${replies.map((r) => r.text).join(' | ')}`);
  return RECEIPT_CODE.exec(receipt)![1]!;
}
