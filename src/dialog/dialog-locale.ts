// Vietnamese first; English when the person's app says so or they ask for it. A channel without
// Telegram's commands and buttons gets its own wording for the sentences that name them
// (dialog-texts.channels.ts).
import type { DialogTexts } from './dialog-texts.js';
import { CHANNEL_TEXT_VARIANTS } from './dialog-texts.channels.js';
import { EN_TEXTS } from './dialog-texts.en.js';
import { VI_TEXTS } from './dialog-texts.vi.js';
import type { DialogChannel, Locale } from './dialog-types.js';

export function localeFromHint(languageHint: string | undefined): Locale {
  return languageHint?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

const merged = new Map<string, DialogTexts>();

export function textsFor(locale: Locale, channel?: DialogChannel): DialogTexts {
  const base = locale === 'en' ? EN_TEXTS : VI_TEXTS;
  const variants = channel ? CHANNEL_TEXT_VARIANTS[channel]?.[locale] : undefined;
  if (!variants || !channel) return base;
  const key = `${channel}:${locale}`;
  let texts = merged.get(key);
  if (!texts) {
    texts = { ...base, ...variants(base) };
    merged.set(key, texts);
  }
  return texts;
}
