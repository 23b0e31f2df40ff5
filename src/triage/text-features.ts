// The features a triage model reads from a case's text. Pure. People type with or without
// diacritics and in teen-code ("ko dc kham", "bs"), so the text is folded (src/core/fold-text.ts)
// and the common short forms are spelt out before anything is counted. Features are hashed into a
// fixed space, so a model never needs a vocabulary list: character 2–5-grams inside each word
// (robust to typos and missing marks) plus word unigrams and bigrams (readable, and the words an
// explanation shows).
import { foldText } from '../core/fold-text.js';

/** Size of the hashed feature space; collisions at this size cost nothing measurable. */
export const FEATURE_SPACE = 1 << 20;

/** Teen-code and abbreviations, folded form → folded words. One list, used by every feature. */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  ko: 'khong',
  k: 'khong',
  kh: 'khong',
  hok: 'khong',
  hong: 'khong',
  kg: 'khong',
  dc: 'duoc',
  dk: 'duoc',
  bv: 'benh vien',
  bs: 'bac si',
  bsi: 'bac si',
  dd: 'dieu duong',
  vs: 'voi',
  j: 'gi',
  r: 'roi',
  wa: 'qua',
  ng: 'nguoi',
  trc: 'truoc',
  nhiu: 'nhieu',
  bit: 'biet',
  e: 'em',
  mn: 'moi nguoi',
  bn: 'benh nhan',
  bhyt: 'bao hiem y te',
  cc: 'cap cuu',
  tks: 'cam on',
  thanks: 'cam on',
  ks: 'khoa san',
};

/** The words of a text as the model sees them: folded, short forms spelt out. */
export function modelTokens(text: string): string[] {
  return tokensWithOrigin(text).tokens;
}

/** The model's words and, for each, the word the sender typed (what an explanation shows). */
export function tokensWithOrigin(text: string): { tokens: string[]; origins: string[] } {
  const tokens: string[] = [];
  const origins: string[] = [];
  for (const typed of text.normalize('NFC').split(/[^\p{L}\p{N}]+/u)) {
    const folded = foldText(typed);
    if (!folded) continue;
    for (const word of (SHORT_FORMS[folded] ?? folded).split(' ')) {
      tokens.push(word);
      origins.push(typed);
    }
  }
  return { tokens, origins };
}

/** FNV-1a, 32 bits: fast, stable across runs and machines (the model is stored hashed). */
export function hashFeature(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % FEATURE_SPACE;
}

/** One feature that fired, with the word positions it came from (for explanations). */
export interface NamedFeature {
  index: number;
  /** Indexes into the token list the feature was read from. */
  tokens: readonly number[];
}

/** Every feature of a token list, with repetitions, and the tokens each came from. */
export function namedFeatures(tokens: readonly string[]): NamedFeature[] {
  const out: NamedFeature[] = [];
  tokens.forEach((word, i) => {
    out.push({ index: hashFeature(`w:${word}`), tokens: [i] });
    if (i + 1 < tokens.length)
      out.push({ index: hashFeature(`b:${word} ${tokens[i + 1]}`), tokens: [i, i + 1] });
    const padded = ` ${word} `;
    for (let n = 2; n <= 5; n++) {
      for (let s = 0; s + n <= padded.length; s++) {
        out.push({ index: hashFeature(`c:${padded.slice(s, s + n)}`), tokens: [i] });
      }
    }
  });
  return out;
}

/** A sparse vector: parallel arrays of indexes (ascending, distinct) and values. */
export interface SparseVector {
  indexes: Int32Array;
  values: Float32Array;
}

/** Counts → 1 + log(count), then unit length, so long texts do not outvote short ones. */
export function vectorize(features: readonly NamedFeature[]): SparseVector {
  const counts = new Map<number, number>();
  for (const f of features) counts.set(f.index, (counts.get(f.index) ?? 0) + 1);
  const indexes = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indexes.length);
  let norm = 0;
  indexes.forEach((ix, k) => {
    const v = 1 + Math.log(counts.get(ix)!);
    values[k] = v;
    norm += v * v;
  });
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < values.length; k++) values[k]! *= scale;
  return { indexes, values };
}

/** The text → its sparse feature vector. */
export function textVector(text: string): SparseVector {
  return vectorize(namedFeatures(modelTokens(text)));
}
