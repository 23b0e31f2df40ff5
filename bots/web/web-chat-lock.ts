// The question a locked web chat draft asks before showing anything of itself (decision 0028): on a
// shared phone or a ward's tablet, the next person must not read the last one's phone number,
// name or text. The web chat's own words, in the page's language.
import type { Locale } from '../../src/dialog/dialog-types.js';
import type { WebChatMessageView } from './web-chat-mailbox.js';

/** The press that says "this draft is mine": shows the transcript and the current question. */
export const UNLOCK_VALUE = 'web:unlock';
/** The dialog's own "start again" (src/dialog/dialog-commands.ts): the draft is discarded. */
export const RESTART_VALUE = 'restart';

const TEXTS: Record<Locale, { prompt(minutes: number): string; mine: string; restart: string }> = {
  vi: {
    prompt: (minutes) =>
      `Trên thiết bị này có một ý kiến đang soạn dở, để yên ${minutes} phút. Để giữ kín thông tin cá nhân, ` +
      'nội dung đã được ẩn.\nNếu đó là ý kiến của bạn, bấm «Tiếp tục». Nếu không, bấm «Bắt đầu lại»: ' +
      'bản nháp cũ sẽ bị xóa.',
    mine: '▶️ Tiếp tục (ý kiến của tôi)',
    restart: '🔄 Bắt đầu lại',
  },
  en: {
    prompt: (minutes) =>
      `This device has an unfinished message, left for ${minutes} minutes. Its content is hidden to keep ` +
      'personal details private.\nIf it is yours, tap “Continue”. If not, tap “Start again”: the old draft ' +
      'will be deleted.',
    mine: '▶️ Continue (it is mine)',
    restart: '🔄 Start again',
  },
};

export function lockPrompt(locale: Locale, idleMs: number): WebChatMessageView {
  const t = TEXTS[locale];
  return {
    text: t.prompt(Math.max(1, Math.floor(idleMs / 60_000))),
    buttons: [[{ label: t.mine, value: UNLOCK_VALUE }], [{ label: t.restart, value: RESTART_VALUE }]],
  };
}
