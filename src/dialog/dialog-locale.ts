// Vietnamese first; English when the person's app says so or they ask for it.
import type { DialogTexts } from './dialog-texts.js';
import { EN_TEXTS } from './dialog-texts.en.js';
import { VI_TEXTS } from './dialog-texts.vi.js';
import type { Locale } from './dialog-types.js';

export function localeFromHint(languageHint: string | undefined): Locale {
  return languageHint?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

export function textsFor(locale: Locale): DialogTexts {
  return locale === 'en' ? EN_TEXTS : VI_TEXTS;
}
