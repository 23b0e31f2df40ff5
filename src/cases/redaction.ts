// Masks contact details and identity numbers in free text before it goes on a card for a
// handler, a public page or a log line (DOMAIN.md §2.3, §2.12). Names and addresses cannot be
// found by pattern; handlers still get the identity-free case, and this is a second line.
//
// Over-masking is preferred to leaking: an unknown run of eight or more digits is masked too.
// Left as is, because they carry no identity and make the text readable: dates, year ranges,
// amounts written with thousands dots, public 1900/1800 hotline numbers and tracking codes.
import { SYMBOL_ALPHABET } from './symbol-alphabet.js';

export const REDACTION_LABELS = {
  phone: '[số điện thoại]',
  email: '[email]',
  idNumber: '[số giấy tờ]',
  number: '[dãy số]',
} as const;

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';
const CODE_SYMBOL = `[${SYMBOL_ALPHABET}]`;

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
    // Digits in groups joined by one space, dot or dash, optionally +country and a bracketed
    // area code; a bracket that is only punctuation around a number stays outside the match.
    // Later groups need two digits or more, so "0903 123 456 2 lần" keeps its "2".
    // Letters may touch the digits ("sđt0903123456"): people type that way.
    `(?<digits>(?<![\\d+])\\+?(?:\\(\\d+\\)|\\d+)(?:[ .\\-](?:\\(\\d{2,}\\)|\\d{2,}))*)`,
  ].join('|'),
  'giu',
);

export function redactText(text: string): string {
  return text.normalize('NFC').replace(PATTERN, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as Record<string, string | undefined>;
    if (groups.email !== undefined) return REDACTION_LABELS.email;
    if (groups.trackingCode !== undefined) return match;
    if (groups.insuranceCard !== undefined || groups.passport !== undefined) return REDACTION_LABELS.idNumber;
    const label = classifyDigits(match);
    return label ? REDACTION_LABELS[label] : match;
  });
}

type DigitLabel = 'phone' | 'idNumber' | 'number';

const DATE = /^(?:\d{1,2}[.-]\d{1,2}[.-]\d{4}|\d{4}-\d{1,2}-\d{1,2})$/;
const YEAR_RANGE = /^(?:19|20)\d{2} ?- ?(?:19|20)\d{2}$/;
const AMOUNT = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const PUBLIC_HOTLINE = /^(?:1900|1800)\d{4}(?:\d{2})?$/;

function classifyDigits(span: string): DigitLabel | null {
  if (DATE.test(span) || YEAR_RANGE.test(span) || AMOUNT.test(span)) return null;
  const digits = span.replace(/\D/g, '');
  const international = span.startsWith('+');
  if (international && digits.length >= 8) return 'phone';
  // +84 written without the plus: 84 then a 9- or 10-digit national number.
  if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) return 'phone';
  // Mobile numbers have ten digits; landlines 02x have eleven.
  if (digits.startsWith('0') && (digits.length === 10 || (digits.length === 11 && digits[1] === '2'))) {
    return 'phone';
  }
  if (PUBLIC_HOTLINE.test(digits)) return null;
  // CCCD has twelve digits, the old CMND nine.
  if (digits.length === 12 || digits.length === 9) return 'idNumber';
  if (digits.length >= 8) return 'number';
  return null;
}
