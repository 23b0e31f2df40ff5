import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYMBOL_ALPHABET, randomSymbolValues } from './symbol-alphabet.js';
import {
  TRACKING_CODE_ENTROPY_BITS,
  TRACKING_CODE_ERROR_MESSAGES,
  TRACKING_CODE_LENGTH,
  TRACKING_CODE_PATTERN,
  TRACKING_CODE_RANDOM_SYMBOLS,
  generateTrackingCode,
  parseTrackingCode,
} from './tracking-code.js';

/** A code built from fast-check's bytes, so failures shrink and replay. */
const arbitraryCode = fc
  .uint8Array({ minLength: 64, maxLength: 64 })
  .map((bytes) => generateTrackingCode(sequenceOf(bytes)));

function sequenceOf(bytes: Uint8Array) {
  let offset = 0;
  return (size: number) => {
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) out[i] = bytes[offset++ % bytes.length]!;
    return out;
  };
}

const compact = (code: string) => code.replaceAll('-', '');
const withDashes = (raw: string) => `${raw.slice(0, 4)}-${raw.slice(4, 7)}-${raw.slice(7)}`;

describe('tracking code format', () => {
  it('has no confusable symbols and a prime-sized alphabet', () => {
    for (const confusable of '01OIL') expect(SYMBOL_ALPHABET).not.toContain(confusable);
    expect(new Set(SYMBOL_ALPHABET).size).toBe(SYMBOL_ALPHABET.length);
    expect(SYMBOL_ALPHABET.length).toBe(31);
  });

  it('carries at least 40 bits of randomness', () => {
    const code = generateTrackingCode();
    expect(compact(code)).toHaveLength(TRACKING_CODE_LENGTH);
    expect(TRACKING_CODE_RANDOM_SYMBOLS).toBe(TRACKING_CODE_LENGTH - 1);
    expect(TRACKING_CODE_RANDOM_SYMBOLS * Math.log2(SYMBOL_ALPHABET.length)).toBeGreaterThanOrEqual(40);
    expect(TRACKING_CODE_ENTROPY_BITS).toBeGreaterThanOrEqual(40);
  });

  it('is shown as XXXX-XXX-XXX', () => {
    expect(generateTrackingCode()).toMatch(TRACKING_CODE_PATTERN);
  });
});

describe('generateTrackingCode', () => {
  it('produces 100 000 codes that all parse back to themselves', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const code = generateTrackingCode();
      const parsed = parseTrackingCode(code);
      if (!parsed.ok || parsed.code !== code) throw new Error(`${code} did not round-trip`);
      seen.add(code);
    }
    // 44.6 bits: a collision among 100 000 codes has a probability of about 1 in 5 000.
    expect(seen.size).toBeGreaterThanOrEqual(99_999);
  });

  it('is deterministic for injected randomness', () => {
    const bytes = new Uint8Array(64).map((_, i) => i * 7);
    expect(generateTrackingCode(sequenceOf(bytes))).toBe(generateTrackingCode(sequenceOf(bytes)));
  });

  it('rejects bytes that would bias the symbols instead of folding them', () => {
    // 31 (and every byte whose low five bits are 31) is discarded, never mapped onto a symbol.
    const bytes = Uint8Array.from([31, 63, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(randomSymbolValues(9, sequenceOf(bytes))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('draws every symbol value about equally often', () => {
    const counts = new Array<number>(31).fill(0);
    for (const value of randomSymbolValues(31 * 2000)) counts[value]! += 1;
    for (const count of counts) {
      expect(count).toBeGreaterThan(1700);
      expect(count).toBeLessThan(2300);
    }
  });

  it('fails loudly on a random source that never yields a usable byte', () => {
    expect(() => generateTrackingCode((size) => new Uint8Array(size).fill(255))).toThrow(/random source/);
  });
});

describe('parseTrackingCode', () => {
  it('accepts lower case, spaces and missing or extra dashes', () => {
    fc.assert(
      fc.property(arbitraryCode, (code) => {
        const raw = compact(code);
        for (const typed of [
          raw,
          raw.toLowerCase(),
          ` ${code.toLowerCase()} `,
          raw.split('').join(' '),
          `${raw.slice(0, 2)}--${raw.slice(2, 6)}-${raw.slice(6)}`,
          withDashes(raw).replaceAll('-', ' – '),
        ]) {
          expect(parseTrackingCode(typed), typed).toEqual({ ok: true, code });
        }
      }),
    );
  });

  it('detects every single-symbol substitution', () => {
    fc.assert(
      fc.property(arbitraryCode, (code) => {
        const raw = compact(code);
        for (let position = 0; position < raw.length; position++) {
          for (const symbol of SYMBOL_ALPHABET) {
            if (symbol === raw[position]) continue;
            const typo = raw.slice(0, position) + symbol + raw.slice(position + 1);
            expect(parseTrackingCode(typo), typo).toMatchObject({ ok: false, reason: 'checksum' });
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('detects every adjacent transposition', () => {
    fc.assert(
      fc.property(arbitraryCode, (code) => {
        const raw = compact(code);
        for (let i = 0; i + 1 < raw.length; i++) {
          if (raw[i] === raw[i + 1]) continue;
          const swapped = raw.slice(0, i) + raw[i + 1] + raw[i] + raw.slice(i + 2);
          expect(parseTrackingCode(withDashes(swapped)), swapped).toMatchObject({
            ok: false,
            reason: 'checksum',
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('calls wrong lengths and foreign symbols malformed', () => {
    for (const input of [
      '',
      '7K3M-9QX-PR',
      '7K3M-9QX-PRFF',
      '7K3M-9QX-PR0',
      'OK3M-9QX-PRF',
      '7K3M 9QX PRĐ',
      'LN',
    ]) {
      expect(parseTrackingCode(input), input).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });

  it('gives a Vietnamese message for each failure', () => {
    expect(parseTrackingCode('abc')).toEqual({
      ok: false,
      reason: 'malformed',
      message: TRACKING_CODE_ERROR_MESSAGES.malformed.vi,
    });
    const checksum = parseTrackingCode('7K3M-9QX-PRG');
    expect(checksum).toMatchObject({ ok: false, reason: 'checksum' });
    expect(TRACKING_CODE_ERROR_MESSAGES.checksum.vi).toContain('gõ nhầm');
    for (const message of Object.values(TRACKING_CODE_ERROR_MESSAGES)) {
      expect(message.vi).toBe(message.vi.normalize('NFC'));
    }
  });

  it('uses a valid code as the example in its message', () => {
    const example = /\b[0-9A-Z]{4}-[0-9A-Z]{3}-[0-9A-Z]{3}\b/.exec(
      TRACKING_CODE_ERROR_MESSAGES.malformed.vi,
    )?.[0];
    expect(example && parseTrackingCode(example).ok).toBe(true);
  });
});
