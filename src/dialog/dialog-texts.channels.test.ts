// The web chat has no slash-command menu, no share-phone keyboard and no location button: what the
// dialog says there names none of them, and every other channel reads the texts as written.
import { describe, expect, it } from 'vitest';
import type { ReceiptFields } from './dialog-texts.js';
import { EN_TEXTS } from './dialog-texts.en.js';
import { VI_TEXTS } from './dialog-texts.vi.js';
import { textsFor } from './dialog-locale.js';

const TELEGRAM_ONLY = /\/tracuu|\/track\b|\/start|chia sẻ số|share button|gửi vị trí|send a location/i;

const receipt: ReceiptFields = {
  code: '7K3M-9QX-PRF',
  kind: 'report',
  audience: 'citizen',
  unit: 'Khoa Khám bệnh',
  organization: 'Trung tâm Y tế',
  dueOn: null,
  identity: 'anonymous',
  followUpSecret: 'ABCD-EFGH-JKLM',
  petition: undefined,
};

describe('texts per channel', () => {
  it.each(['vi', 'en'] as const)('the web chat (%s) gets web wording, the rest as written', (locale) => {
    const web = textsFor(locale, 'web');
    const base = locale === 'vi' ? VI_TEXTS : EN_TEXTS;
    const plain = Object.entries(web).filter((e): e is [string, string] => typeof e[1] === 'string');
    for (const [key, text] of plain) expect(text, key).not.toMatch(TELEGRAM_ONLY);
    expect(web.receipt(receipt)).not.toMatch(TELEGRAM_ONLY);
    expect(web.alreadySubmitted(receipt.code)).not.toMatch(TELEGRAM_ONLY);
    // The receipt is the base receipt but for its last line: code and secret are still said.
    const lines = web.receipt(receipt).split('\n');
    expect(lines.slice(0, -1)).toEqual(base.receipt(receipt).split('\n').slice(0, -1));
    expect(lines.join('\n')).toContain('ABCD-EFGH-JKLM');
    // Sentences without a variant are the base ones; other channels get the base texts.
    expect(web.describePrompt('report', 'citizen')).toBe(base.describePrompt('report', 'citizen'));
    expect(textsFor(locale, 'telegram')).toBe(base);
    expect(textsFor(locale)).toBe(base);
    expect(textsFor(locale, 'telegram').phonePrompt).toMatch(/share|chia sẻ/);
  });
});
