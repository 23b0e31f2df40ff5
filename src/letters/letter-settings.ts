// The letter keys of Organization.settings: the register symbol printed after the number and the
// title of the head. A missing or unusable value falls back to the default (docs/decisions/0014-letters-numbered-at-signature.md).
import { z } from 'zod';
import { defaultHeadTitle } from './letter-document.js';
import type { LetterKind } from './letter-vocabulary.js';

export interface LetterSettings {
  /** "Số: 12/<letterSymbol>"; default: the organisation code in upper case ("TTYT-THUAN-AN"). */
  letterSymbol: string;
  /** "Giám đốc" (default) or "Chủ tịch" for a ward People's Committee; used for KT./TL. lines. */
  headTitle: string;
}

/** The letter register symbol as an administrator may set it (the console's form validates with it). */
export const ZLetterSymbolSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-zĐđ0-9][A-Za-zĐđ0-9.-]{0,39}$/u);
const ZTitleSchema = z.string().trim().min(2).max(60);

export function parseLetterSettings(
  organization: { code: string; kind: string },
  settings: unknown,
): LetterSettings {
  const raw = settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  const symbol = ZLetterSymbolSchema.safeParse(raw.letterSymbol);
  const title = ZTitleSchema.safeParse(raw.letterHeadTitle);
  return {
    letterSymbol: symbol.success ? symbol.data.toLocaleUpperCase('vi') : organization.code.toUpperCase(),
    headTitle: title.success ? title.data : defaultHeadTitle(organization.kind),
  };
}

/** The symbol of one letter: a forward slip is a "phiếu chuyển" (PC, NĐ 30/2020 Phụ lục III). */
export function symbolFor(kind: LetterKind, settings: LetterSettings): string {
  return kind === 'forward_slip' ? `PC-${settings.letterSymbol}` : settings.letterSymbol;
}
