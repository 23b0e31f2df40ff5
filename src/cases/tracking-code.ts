// Tracking codes: what a sender quotes to follow a case, on any channel or over the phone.
//
// Format: 9 random symbols + 1 check symbol from a 31-symbol alphabet, shown as XXXX-XXX-XXX
// (the 4-3-3 rhythm of a Vietnamese phone number). 9 × log2(31) ≈ 44.6 bits of randomness, so
// codes cannot be guessed to reach other people's cases. The check symbol makes
//   Σ weight(i) × value(i) ≡ 0 (mod 31), weights 10, 9, …, 2 for the data and 1 for the check;
// with 31 prime and weights that are non-zero and differ by one between neighbours, every single
// substitution and every adjacent transposition changes the sum, so a typo is told apart from a
// code that simply does not exist.
import type { Label } from './case-vocabulary.js';
import {
  SYMBOL_ALPHABET,
  compactSymbols,
  defaultRandomBytes,
  entropyBits,
  groupSymbols,
  randomSymbolValues,
  symbolValue,
  symbolsOf,
  type RandomBytes,
} from './symbol-alphabet.js';

export const TRACKING_CODE_RANDOM_SYMBOLS = 9;
export const TRACKING_CODE_LENGTH = TRACKING_CODE_RANDOM_SYMBOLS + 1;
export const TRACKING_CODE_GROUPS = [4, 3, 3] as const;
export const TRACKING_CODE_ENTROPY_BITS = entropyBits(TRACKING_CODE_RANDOM_SYMBOLS);

/** The canonical form, as stored in cases.code and printed on receipts. */
export const TRACKING_CODE_PATTERN = new RegExp(
  `^${TRACKING_CODE_GROUPS.map((size) => `[${SYMBOL_ALPHABET}]{${size}}`).join('-')}$`,
);

export type TrackingCodeError = 'malformed' | 'checksum';

export type TrackingCodeParseResult =
  | { readonly ok: true; readonly code: string }
  | {
      readonly ok: false;
      readonly reason: TrackingCodeError;
      /** Vietnamese, from TRACKING_CODE_ERROR_MESSAGES. */
      readonly message: string;
    };

/** What to tell someone whose code did not parse; an unknown but well-formed code is a lookup miss. */
export const TRACKING_CODE_ERROR_MESSAGES: Readonly<Record<TrackingCodeError, Label>> = {
  malformed: {
    vi:
      'Mã hồ sơ không đúng định dạng. Mã gồm 10 ký tự chữ và số, ví dụ 7K3M-9QX-PRF ' +
      '(không có chữ O, I, L và số 0, 1).',
    en:
      'That case code is not in the right format: 10 letters and digits, for example 7K3M-9QX-PRF ' +
      '(there is no O, I, L, 0 or 1).',
  },
  checksum: {
    vi: 'Mã hồ sơ có vẻ bị gõ nhầm một ký tự. Vui lòng đối chiếu lại với tin nhắn xác nhận đã nhận.',
    en: 'The case code seems to have a typo. Please check it against the receipt you were sent.',
  },
};

export function generateTrackingCode(randomBytes: RandomBytes = defaultRandomBytes): string {
  const values = randomSymbolValues(TRACKING_CODE_RANDOM_SYMBOLS, randomBytes);
  return groupSymbols(symbolsOf([...values, checkValue(values)]), TRACKING_CODE_GROUPS);
}

/**
 * Accepts what people type: lower case, spaces, missing or extra dashes. Returns the canonical
 * form, or why the input cannot be a code.
 */
export function parseTrackingCode(input: string): TrackingCodeParseResult {
  const compact = compactSymbols(input);
  if (compact.length !== TRACKING_CODE_LENGTH) return failure('malformed');
  const values = [...compact].map(symbolValue);
  if (values.some((value) => value < 0)) return failure('malformed');
  if (weightedSum(values) !== 0) return failure('checksum');
  return { ok: true, code: groupSymbols(compact, TRACKING_CODE_GROUPS) };
}

function failure(reason: TrackingCodeError): TrackingCodeParseResult {
  return { ok: false, reason, message: TRACKING_CODE_ERROR_MESSAGES[reason].vi };
}

export function isTrackingCode(input: string): boolean {
  return parseTrackingCode(input).ok;
}

/** The check symbol value that makes the weighted sum of the code zero. */
function checkValue(data: readonly number[]): number {
  return (SYMBOL_ALPHABET.length - weightedSum(data)) % SYMBOL_ALPHABET.length;
}

// Weights count down from 10 at the first symbol to 1 at the check symbol. Called with the nine
// data symbols alone, it gives the sum the check symbol (weight 1) must cancel.
function weightedSum(values: readonly number[]): number {
  const modulus = SYMBOL_ALPHABET.length;
  return values.reduce((sum, value, index) => (sum + (TRACKING_CODE_LENGTH - index) * value) % modulus, 0);
}
