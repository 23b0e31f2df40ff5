// Diacritics-insensitive matching that still tells "thuốc" (medicine) from "thuộc" (belongs to).
// People type Vietnamese without marks ("cap cuu"), with marks in either placement ("đe dọa" /
// "đe doạ"), decomposed, or with some marks missing ("thuôc"). So words are compared by their
// letters without marks, and then by their marks as a set: a word typed with fewer marks matches
// (its marks are among the other's), two words typed with different marks do not.

export interface Word {
  /** Letters without marks, đ → d, lower case: "thuoc". */
  readonly base: string;
  /** The word's marks, sorted, wherever they were placed ("đ" counts as one): "̂́". */
  readonly marks: string;
}

const MARK = /\p{M}/u;

function wordOf(raw: string): Word {
  let base = '';
  const marks: string[] = [];
  for (const ch of raw.normalize('NFD')) {
    if (MARK.test(ch)) marks.push(ch);
    else if (ch === 'đ') {
      base += 'd';
      marks.push('đ');
    } else base += ch;
  }
  return { base, marks: marks.sort().join('') };
}

/** The words of a text, lower case, punctuation dropped. */
export function tokenize(text: string): Word[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean)
    .map(wordOf);
}

export { foldText } from '../core/fold-text.js';

function includesMarks(outer: string, inner: string): boolean {
  const left = [...outer];
  for (const mark of inner) {
    const at = left.indexOf(mark);
    if (at === -1) return false;
    left.splice(at, 1);
  }
  return true;
}

export function wordsMatch(a: Word, b: Word): boolean {
  return a.base === b.base && (includesMarks(a.marks, b.marks) || includesMarks(b.marks, a.marks));
}

/** Word indices in `text` where `phrase` starts, as whole words. */
export function phraseIndices(text: readonly Word[], phrase: readonly Word[]): number[] {
  if (phrase.length === 0) return [];
  const found: number[] = [];
  for (let i = 0; i + phrase.length <= text.length; i++) {
    if (phrase.every((w, j) => wordsMatch(text[i + j]!, w))) found.push(i);
  }
  return found;
}

export function containsPhrase(text: readonly Word[], phrase: readonly Word[]): boolean {
  return phraseIndices(text, phrase).length > 0;
}

/** The phrases (as given) that occur in the text, each once, in the order given. */
export function matchPhrases(text: string | readonly Word[], phrases: readonly string[]): string[] {
  const words = typeof text === 'string' ? tokenize(text) : text;
  return phrases.filter((p) => containsPhrase(words, tokenize(p)));
}
