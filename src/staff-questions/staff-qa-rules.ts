// Pure rules of staff questions: when a collection takes questions, the references the board
// types, the code a sealed asker keeps, and what a question's text may be.
import { createHash } from 'node:crypto';
import { compareDates, type LocalDate } from '../calendar/local-date.js';
import {
  SYMBOL_ALPHABET,
  compactSymbols,
  defaultRandomBytes,
  groupSymbols,
  randomSymbolValues,
  symbolsOf,
  type RandomBytes,
} from '../cases/symbol-alphabet.js';
import { cleanFreeText } from '../core/free-text.js';

export const STAFF_QUESTION_MIN_CHARS = 10;
export const STAFF_QUESTION_MAX_CHARS = 2000;
export const STAFF_QA_TOPIC_MAX_CHARS = 200;
export const STAFF_QA_ANSWER_MAX_CHARS = 4000;

export type CollectionState = 'upcoming' | 'open' | 'closed';

/** Questions are taken from the opening day to the closing day, both included (Vietnam dates). */
export function collectionState(
  c: { opensOn: LocalDate; closesOn: LocalDate },
  today: LocalDate,
): CollectionState {
  if (compareDates(today, c.opensOn) < 0) return 'upcoming';
  if (compareDates(today, c.closesOn) > 0) return 'closed';
  return 'open';
}

export const COLLECTION_STATE_LABELS: Readonly<Record<CollectionState, string>> = {
  upcoming: 'chưa mở',
  open: 'đang nhận câu hỏi',
  closed: 'đã đóng',
};

/**
 * A question's reference: 4 random symbols, unique within its collection (the repository retries a
 * clash). Random, not a running number: the order of arrival, set beside the bot's log of who
 * wrote when, would point at the asker.
 */
export const QUESTION_REF_SYMBOLS = 4;
export function newQuestionRef(randomBytes: RandomBytes = defaultRandomBytes): string {
  return symbolsOf(randomSymbolValues(QUESTION_REF_SYMBOLS, randomBytes));
}

/** `CH-XXXX` as typed by the board, or undefined. */
export function parseQuestionRef(typed: string): string | undefined {
  const compact = compactSymbols(typed).replace(/^CH/, '');
  return new RegExp(`^[${SYMBOL_ALPHABET}]{${QUESTION_REF_SYMBOLS}}$`).test(compact) ? compact : undefined;
}

export const formatQuestionRef = (ref: string): string => `CH-${ref}`;

/** `N3` / `n3` / `3` → 3. */
export function parseGroupNumber(typed: string): number | undefined {
  const m = /^n?(\d{1,4})$/i.exec(typed.trim());
  return m ? Number(m[1]) : undefined;
}

export const formatGroupNumber = (n: number): string => `N${n}`;

/**
 * The code a sealed asker keeps to see their own question's answer: `HD-XXXX-XXXX-XXXX`, 12 random
 * symbols (≈ 59.5 bits, the follow-up secret's strength). Only its SHA-256 is stored: like the staff
 * access code, it is too random to search from the hash, and a direct look-up finds the question.
 */
const FOLLOW_UP_SYMBOLS = 12;
export function newQuestionFollowUpCode(randomBytes: RandomBytes = defaultRandomBytes): string {
  return `HD-${groupSymbols(symbolsOf(randomSymbolValues(FOLLOW_UP_SYMBOLS, randomBytes)), [4, 4, 4])}`;
}

/** The hash stored for a follow-up code, or undefined when the text cannot be one. */
export function hashQuestionFollowUpCode(typed: string): string | undefined {
  const compact = compactSymbols(typed).replace(/^HD/, '');
  if (!new RegExp(`^[${SYMBOL_ALPHABET}]{${FOLLOW_UP_SYMBOLS}}$`).test(compact)) return undefined;
  return `sha256:${createHash('sha256').update(`staff-question\n${compact}`).digest('hex')}`;
}

export type QuestionTextCheck = { ok: true; text: string } | { ok: false; reason: 'too_short' | 'too_long' };

export function checkQuestionText(raw: string): QuestionTextCheck {
  const text = cleanFreeText(raw);
  if (text.length < STAFF_QUESTION_MIN_CHARS) return { ok: false, reason: 'too_short' };
  if (text.length > STAFF_QUESTION_MAX_CHARS) return { ok: false, reason: 'too_long' };
  return { ok: true, text };
}
