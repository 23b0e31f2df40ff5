// Outbound → the Bot API calls that show it. Pure (no client, no I/O), so every rule is unit-tested:
// plain text (no parse_mode: nothing to escape), long text split at line breaks under Telegram's
// 4096-character limit, buttons as an inline keyboard on the last message, a file by sendDocument
// (the text as its caption when it fits in 1024 characters), and a one-time reply keyboard asking
// for the phone number. Telegram allows one keyboard per message, so buttons together with
// requestContact become two messages: the text with its buttons, then a short prompt with the
// contact keyboard.
import type { Button, Outbound } from '../../src/dialog/dialog-types.js';
import { checkedButton, RenderError } from '../shared/render-button.js';

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

export type ReplyMarkup =
  | InlineKeyboard
  | {
      keyboard: { text: string; request_contact?: boolean }[][];
      resize_keyboard: true;
      one_time_keyboard: true;
    }
  | { remove_keyboard: true };

export interface DocumentToSend {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export type TelegramCall =
  | { method: 'sendMessage'; payload: { chat_id: string; text: string; reply_markup?: ReplyMarkup } }
  | {
      method: 'sendDocument';
      payload: { chat_id: string; document: DocumentToSend; caption?: string; reply_markup?: ReplyMarkup };
    };

const CONTACT_WORDS = {
  vi: { prompt: 'Bấm nút bên dưới để gửi số điện thoại của bạn.', button: '📱 Gửi số điện thoại' },
  en: { prompt: 'Tap the button below to share your phone number.', button: '📱 Share my phone number' },
};

export interface RenderOptions {
  /** The person's language as Telegram reports it; picks the words of the contact keyboard. */
  languageHint?: string | undefined;
}

export function renderOutbound(
  chatId: string,
  outbound: Outbound,
  options: RenderOptions = {},
): TelegramCall[] {
  const words = options.languageHint?.toLowerCase().startsWith('en') ? CONTACT_WORDS.en : CONTACT_WORDS.vi;
  const inline = outbound.buttons?.length ? inlineKeyboard(outbound.buttons) : undefined;
  const contactKeyboard: ReplyMarkup = {
    keyboard: [[{ text: words.button, request_contact: true }]],
    resize_keyboard: true,
    one_time_keyboard: true,
  };
  const isPrivate = !chatId.startsWith('-');

  const text = outbound.text;
  const calls: TelegramCall[] = [];
  if (outbound.file) {
    const fitsCaption = text.trim() !== '' && text.length <= CAPTION_LIMIT;
    if (!fitsCaption && text.trim() !== '') {
      for (const chunk of splitText(text, TEXT_LIMIT)) {
        calls.push({ method: 'sendMessage', payload: { chat_id: chatId, text: chunk } });
      }
    }
    const { fileName, mimeType, bytes } = outbound.file;
    // A stored file's key is read where the message is sent from (the notify worker, the handler).
    if (!bytes) throw new RenderError('a file to send needs its bytes');
    calls.push({
      method: 'sendDocument',
      payload: {
        chat_id: chatId,
        document: { fileName, mimeType, bytes },
        ...(fitsCaption ? { caption: text } : {}),
      },
    });
  } else if (text.trim() !== '') {
    for (const chunk of splitText(text, TEXT_LIMIT)) {
      calls.push({ method: 'sendMessage', payload: { chat_id: chatId, text: chunk } });
    }
  } else if (inline || outbound.requestContact) {
    throw new RenderError('a message with buttons needs text');
  } else {
    return [];
  }

  const last = calls[calls.length - 1]!;
  if (inline) {
    last.payload.reply_markup = inline;
    if (outbound.requestContact) {
      calls.push({
        method: 'sendMessage',
        payload: { chat_id: chatId, text: words.prompt, reply_markup: contactKeyboard },
      });
    }
  } else if (outbound.requestContact) {
    last.payload.reply_markup = contactKeyboard;
  } else if (isPrivate) {
    // A contact keyboard left from an earlier question goes away with the next plain message.
    last.payload.reply_markup = { remove_keyboard: true };
  }
  return calls;
}

export function inlineKeyboard(rows: Button[][]): InlineKeyboard {
  return {
    inline_keyboard: rows
      .filter((row) => row.length > 0)
      .map((row) =>
        row.map((b) => {
          const { title, value } = checkedButton(b);
          return { text: title, callback_data: value };
        }),
      ),
  };
}

/**
 * Splits text into pieces of at most `limit` UTF-16 units (Telegram's count), preferring a line
 * break, then a space, and never cutting a surrogate pair.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(' ', limit);
    if (cut < limit / 2) {
      cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.trim() !== '' || pieces.length === 0) pieces.push(rest);
  return pieces.filter((p) => p !== '');
}

export { RenderError };
