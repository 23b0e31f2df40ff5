// The one rule for personal data in free text (decision 0023): what a sender typed — description,
// place, time, people involved — is masked before it reaches any view that does not need it in
// clear (cards, /xem, milestone messages, logs; DOMAIN.md §2.3, §2.12). Phones in every usual form,
// e-mails, CCCD/CMND, BHYT and passport numbers, and long digit runs (bank accounts, cards) become
// a label that says what was there. Personal names are found when a title, kinship word or common
// family name announces them (personal-names.ts). Addresses cannot be found by pattern: handlers
// still get the identity-free case, and this is a second line.
//
// Over-masking is preferred to leaking: an unknown run of eight or more digits is masked too.
// Left as is, because they carry no identity and make the text readable: dates, year ranges,
// amounts (with thousands dots, or followed by a currency word), times, room and bed numbers and
// other short numbers, public 1900/1800 hotline numbers and tracking codes.
import { findPersonalNames } from './personal-names.js';
import { SYMBOL_ALPHABET } from './symbol-alphabet.js';

export type PersonalDataKind = 'phone' | 'email' | 'idNumber' | 'number' | 'name';

export const REDACTION_LABELS: Readonly<Record<PersonalDataKind, string>> = {
  phone: '[số điện thoại]',
  email: '[email]',
  idNumber: '[số giấy tờ]',
  number: '[dãy số]',
  name: '[họ tên]',
};

/** A stretch of personal data in the NFC form of a text: `text.normalize('NFC').slice(start, end)`. */
export interface PersonalDataSpan {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';
const CODE_SYMBOL = `[${SYMBOL_ALPHABET}]`;
// Between two groups of digits: one space, dot or dash, or two spaces, or a dot or dash with a
// space either side ("0912 - 345 - 678"). Each repetition takes at least one separator and two
// digits, so a long hostile run is still scanned in linear time.
const SEPARATOR = '(?:[ \\u00A0]?[.\\-][ \\u00A0]?|[ \\u00A0]{1,2})';

const PATTERN = new RegExp(
  [
    // Starts only where a run of local-part characters starts, so a long run is scanned once, not
    // once per character.
    `(?<email>(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,})`,
    // Matched only to be kept: an all-digit tracking code must not read as a number.
    `(?<trackingCode>${NOT_WORD_BEFORE}${CODE_SYMBOL}{4}-${CODE_SYMBOL}{3}-${CODE_SYMBOL}{3}${NOT_WORD_AFTER})`,
    // Health-insurance card: two letters and thirteen digits (e.g. DN4797932165874).
    `(?<insuranceCard>${NOT_WORD_BEFORE}[A-Z]{2}\\d{13}${NOT_WORD_AFTER})`,
    // Passport: one letter and seven digits.
    `(?<passport>${NOT_WORD_BEFORE}[A-Z]\\d{7}${NOT_WORD_AFTER})`,
    // Digits in groups joined by separators, optionally +country (a doubled plus too: it must not
    // hide the number behind it) and a bracketed area code; a
    // bracket that is only punctuation around a number stays outside the match. Later groups need
    // two digits or more, so "0903 123 456 2 lần" keeps its "2".
    // Letters may touch the digits ("sđt0903123456"): people type that way.
    `(?<digits>(?<!\\d)\\+*(?:\\(\\d+\\)|\\d+)(?:${SEPARATOR}(?:\\(\\d{2,}\\)|\\d{2,}))*)`,
  ].join('|'),
  'giu',
);

/** Where personal data is in `text` (positions in its NFC form), in order. Pure. */
export function findPersonalData(text: string): PersonalDataSpan[] {
  const nfc = text.normalize('NFC');
  const spans: PersonalDataSpan[] = [];
  for (const m of nfc.matchAll(PATTERN)) {
    const groups = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    if (groups.email !== undefined) spans.push({ start, end, kind: 'email' });
    else if (groups.insuranceCard !== undefined || groups.passport !== undefined) {
      spans.push({ start, end, kind: 'idNumber' });
    } else if (groups.digits !== undefined) {
      spans.push(...digitSpans(m[0], start, nfc.slice(end, end + 12)));
    }
  }
  // A name overlapping a span found above (a name inside an e-mail address) is already masked.
  const names = findPersonalNames(nfc)
    .filter((n) => !spans.some((s) => n.start < s.end && s.start < n.end))
    .map((n): PersonalDataSpan => ({ ...n, kind: 'name' }));
  return names.length ? [...spans, ...names].sort((a, b) => a.start - b.start) : spans;
}

/** The personal data itself, in clear, for the one view that may show it (the audited reveal). */
export function personalDataIn(text: string): { kind: PersonalDataKind; text: string }[] {
  const nfc = text.normalize('NFC');
  return findPersonalData(nfc).map((s) => ({ kind: s.kind, text: nfc.slice(s.start, s.end) }));
}

/** The text in NFC with every span of findPersonalData replaced by its label. Pure. */
export function redactText(text: string): string {
  const nfc = text.normalize('NFC');
  let out = '';
  let at = 0;
  for (const span of findPersonalData(nfc)) {
    out += nfc.slice(at, span.start) + REDACTION_LABELS[span.kind];
    at = span.end;
  }
  return out + nfc.slice(at);
}

const DATE = /^(?:\d{1,2} ?[.-] ?\d{1,2} ?[.-] ?\d{4}|\d{4}-\d{1,2}-\d{1,2})$/;
const YEAR_RANGE = /^(?:19|20)\d{2} ?- ?(?:19|20)\d{2}$/;
const AMOUNT = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const PUBLIC_HOTLINE = /^(?:1900|1800)\d{4}(?:\d{2})?$/;
// "15000000 đồng", "2500000đ", "300000000 VND": a number followed by a currency is an amount.
const CURRENCY_AFTER = /^ ?(?:đồng|đ|vnđ|vnd|₫|nghìn|ngàn|triệu|tỷ|tỉ)(?![\p{L}\p{N}])/iu;
const GROUP_SEPARATOR = new RegExp(SEPARATOR, 'gu');
const MAX_SPLIT_SEPARATORS = 8;

/**
 * The personal data in one run of digit groups. A run that is only a long unknown number may be a
 * date or a short number written next to a phone ("ngày 12-03-2026 0912345678", "phòng 302
 * 0912345678"): then only the phone or identity number is masked. Short plain numbers are split
 * off a phone only, never off an unknown or identity-length run, so no part of a card or an
 * account number is left in clear.
 */
function digitSpans(span: string, offset: number, following: string): PersonalDataSpan[] {
  const whole = classifyDigits(span, following);
  // Twelve digits may also be a short number and a phone ("10 0912345678"); a CCCD is never
  // written that way, so that split is tried too.
  if (whole !== 'number' && whole !== 'idNumber') {
    return whole ? [{ start: offset, end: offset + span.length, kind: whole }] : [];
  }
  const separators = [...span.matchAll(GROUP_SEPARATOR)];
  // A date and a landline make seven groups; a longer run is no such pair (and splitting it would
  // cost time quadratic in its length).
  if (separators.length > MAX_SPLIT_SEPARATORS)
    return [{ start: offset, end: offset + span.length, kind: 'number' }];
  for (const sep of separators) {
    const left = span.slice(0, sep.index);
    const rightStart = sep.index + sep[0].length;
    const right = span.slice(rightStart);
    const leftKind = classifyDigits(left, sep[0]);
    const rightKind = classifyDigits(right, following);
    if (leftKind === null && splitOff(left, rightKind, whole)) {
      return [{ start: offset + rightStart, end: offset + span.length, kind: rightKind! }];
    }
    if (rightKind === null && splitOff(right, leftKind, whole)) {
      return [{ start: offset, end: offset + left.length, kind: leftKind! }];
    }
  }
  return [{ start: offset, end: offset + span.length, kind: whole }];
}

/** Whether `kept` may stand in clear next to data of kind `other` in one run of digits. */
function splitOff(kept: string, other: PersonalDataKind | null, whole: PersonalDataKind): boolean {
  if (other === 'phone') return true;
  return (
    whole === 'number' &&
    other === 'idNumber' &&
    (DATE.test(kept) || AMOUNT.test(kept) || YEAR_RANGE.test(kept))
  );
}

function classifyDigits(span: string, following: string): PersonalDataKind | null {
  if (DATE.test(span) || YEAR_RANGE.test(span) || AMOUNT.test(span)) return null;
  const digits = span.replace(/\D/g, '');
  const international = span.startsWith('+');
  if (international && digits.length >= 8) return 'phone';
  // +84 written without the plus: 84 then the 9- or 10-digit national number without its 0.
  if (digits.startsWith('84') && digits[2] !== '0' && (digits.length === 11 || digits.length === 12)) {
    return 'phone';
  }
  // Mobile numbers have ten digits; landlines 02x have eleven.
  if (digits.startsWith('0') && (digits.length === 10 || (digits.length === 11 && digits[1] === '2'))) {
    return 'phone';
  }
  if (PUBLIC_HOTLINE.test(digits)) return null;
  if (digits.length >= 8 && CURRENCY_AFTER.test(following)) return null;
  // CCCD has twelve digits, the old CMND nine.
  if (digits.length === 12 || digits.length === 9) return 'idNumber';
  if (digits.length >= 8) return 'number';
  return null;
}
