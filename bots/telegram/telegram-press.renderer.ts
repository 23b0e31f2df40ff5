// A PressAnswer → what the adapter does about one callback query. Pure, so the limits are
// unit-tested: the presser's notice fits answerCallbackQuery's 200 characters (cut at a word, with
// an ellipsis, the full text offered privately when the handler says the presser can be written
// to), and the pressed message is rewritten, stripped of its keyboard, or left alone.
import type { PressAnswer } from '../../src/dialog/dialog-types.js';
import { TEXT_LIMIT, inlineKeyboard, type InlineKeyboard } from './telegram-message.renderer.js';

/** answerCallbackQuery's `text`: 0–200 characters. */
export const CALLBACK_ANSWER_LIMIT = 200;

const SEE_PRIVATE = ' (xem đủ trong tin nhắn riêng)';

export interface PressCalls {
  answer: { text?: string; show_alert?: boolean };
  edit?: { kind: 'text'; text: string; reply_markup?: InlineKeyboard } | { kind: 'remove_keyboard' };
  /** The notice in full, for the presser's private chat, when it did not fit. */
  privateCopy?: string;
}

export interface PressRenderOptions {
  /** Without a PressAnswer (plain replies to a press): remove the pressed keyboard. */
  retireKeyboard: boolean;
}

/** Throws RenderError when the rewritten message's buttons are not sendable. */
export function renderPress(press: PressAnswer | undefined, options: PressRenderOptions): PressCalls {
  if (!press) return { answer: {}, ...(options.retireKeyboard ? { edit: { kind: 'remove_keyboard' } } : {}) };
  const calls: PressCalls = { answer: {} };
  const notice = press.notice;
  if (notice && notice.text.trim() !== '') {
    const fits = notice.text.length <= CALLBACK_ANSWER_LIMIT;
    calls.answer.text = fits
      ? notice.text
      : notice.privateCopy
        ? `${shorten(notice.text, CALLBACK_ANSWER_LIMIT - SEE_PRIVATE.length)}${SEE_PRIVATE}`
        : shorten(notice.text, CALLBACK_ANSWER_LIMIT);
    if (notice.alert) calls.answer.show_alert = true;
    if (!fits && notice.privateCopy) calls.privateCopy = notice.text;
  }
  if (press.message !== 'keep') {
    const { text, buttons } = press.message;
    // Without reply_markup, editMessageText leaves the message with no keyboard: no moves left.
    calls.edit = {
      kind: 'text',
      text: shorten(text, TEXT_LIMIT),
      ...(buttons?.length ? { reply_markup: inlineKeyboard(buttons) } : {}),
    };
  }
  return calls;
}

/**
 * At most `limit` UTF-16 units (Telegram's count), the last one an ellipsis; cut at a space when
 * one is near, never inside a surrogate pair.
 */
export function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = limit - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const space = text.lastIndexOf(' ', cut);
  if (space >= cut * 0.8) cut = space;
  return `${text.slice(0, cut).trimEnd()}…`;
}
