// The symbols of tracking codes and follow-up secrets, and unbiased sampling from them.
// Codes are read aloud on the hotline and typed on phones: no 0/O, 1/I/L. 31 symbols is a prime,
// which is what lets a single check symbol catch every one-symbol typo and adjacent swap.
import { randomBytes as nodeRandomBytes } from 'node:crypto';

export const SYMBOL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export type RandomBytes = (size: number) => Uint8Array;

export const defaultRandomBytes: RandomBytes = (size) => nodeRandomBytes(size);

/** Bits of randomness carried by `count` symbols drawn uniformly from the alphabet. */
export function entropyBits(count: number): number {
  return count * Math.log2(SYMBOL_ALPHABET.length);
}

// A source that keeps returning rejected bytes is broken (or a bad test double): fail loudly.
const MAX_ROUNDS = 64;

/**
 * `count` uniform symbol values in [0, 31). Each byte's low five bits give 0–31 uniformly and 31
 * is rejected, so no value is favoured (taking `byte % 31` would favour the first few).
 */
export function randomSymbolValues(count: number, randomBytes: RandomBytes = defaultRandomBytes): number[] {
  const size = SYMBOL_ALPHABET.length;
  const values: number[] = [];
  for (let round = 0; values.length < count; round++) {
    if (round >= MAX_ROUNDS) throw new Error('The random source keeps returning unusable bytes.');
    for (const byte of randomBytes(count - values.length + 2)) {
      const value = byte & 0x1f;
      if (value < size) values.push(value);
      if (values.length === count) break;
    }
  }
  return values;
}

/** Upper-cases and drops spaces, dashes, dots and underscores people add or lose when copying. */
export function compactSymbols(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—_.·]/gu, '');
}

export function symbolValue(char: string): number {
  return SYMBOL_ALPHABET.indexOf(char);
}

export function symbolsOf(values: readonly number[]): string {
  return values.map((value) => SYMBOL_ALPHABET.charAt(value)).join('');
}

/** Splits `compact` into groups of the given sizes joined by dashes: ABCDEFG, [4, 3] → ABCD-EFG. */
export function groupSymbols(compact: string, groups: readonly number[]): string {
  const parts: string[] = [];
  let start = 0;
  for (const size of groups) {
    parts.push(compact.slice(start, start + size));
    start += size;
  }
  return parts.join('-');
}
