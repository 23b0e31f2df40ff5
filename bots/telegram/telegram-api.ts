// The Bot API client (telegraf's Telegram class) and the two things done with it outside the
// update loop: performing rendered calls and downloading a file a person sent.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Telegram } from 'telegraf';
import type { TelegramCall } from './telegram-message.renderer.js';

/** Telegram's Bot API serves files up to 20 MB to bots. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export interface TelegramApiOptions {
  token: string;
  /** Default https://api.telegram.org; tests use a local fake. */
  apiRoot: string;
}

export function createTelegramClient({ token, apiRoot }: TelegramApiOptions): Telegram {
  // No webhook replies: every call is a real request whose result (or error) we see.
  return new Telegram(token, { apiRoot, webhookReply: false });
}

/** Performs the calls in order; resolves with the message id of the last one. */
export async function performCalls(telegram: Telegram, calls: TelegramCall[]): Promise<number | undefined> {
  let lastId: number | undefined;
  for (const call of calls) {
    if (call.method === 'sendMessage') {
      const { chat_id, text, reply_markup } = call.payload;
      const sent = await telegram.sendMessage(chat_id, text, {
        ...(reply_markup ? { reply_markup } : {}),
        link_preview_options: { is_disabled: true },
      });
      lastId = sent.message_id;
    } else {
      const { chat_id, document, caption, reply_markup } = call.payload;
      const file = { source: document.bytes, filename: document.fileName };
      const sent = await telegram.sendDocument(chat_id, file, {
        ...(caption ? { caption } : {}),
        ...(reply_markup ? { reply_markup } : {}),
      });
      lastId = sent.message_id;
    }
  }
  return lastId;
}

/** getFile, then the file from the API root's file URL (or the local disk for a local Bot API server). */
export async function downloadTelegramFile(
  telegram: Telegram,
  { token, apiRoot }: TelegramApiOptions,
  fileId: string,
  maxBytes = MAX_DOWNLOAD_BYTES,
): Promise<Buffer> {
  const file = await telegram.getFile(fileId);
  if (!file.file_path) throw new Error('telegram: the file is no longer available');
  if (typeof file.file_size === 'number' && file.file_size > maxBytes) {
    throw new Error(`telegram: the file is larger than ${maxBytes} bytes`);
  }
  if (path.isAbsolute(file.file_path)) return readFile(file.file_path);
  const url = `${apiRoot.replace(/\/+$/, '')}/file/bot${token}/${file.file_path}`;
  const res = await fetch(url).catch((err: Error) => {
    throw new Error(`telegram file download failed: ${err.name}`);
  });
  if (!res.ok) throw new Error(`telegram file download failed with HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new Error(`telegram: the file is larger than ${maxBytes} bytes`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > maxBytes) throw new Error(`telegram: the file is larger than ${maxBytes} bytes`);
  return bytes;
}
