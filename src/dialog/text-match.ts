// Understanding what people type where the dialog offers buttons. Many type Vietnamese without
// diacritics ("khieu nai", "bac si"), with typos, or in a whole sentence ("tôi muốn khiếu nại"), so
// both sides are folded (no diacritics, đ → d, lower case, no punctuation) and compared exactly,
// by containment of whole words, then by edit distance.
import { foldText } from '../core/fold-text.js';

/** One button the person may mean, with extra words that mean the same. */
export interface ChoiceOption {
  value: string;
  label: string;
  synonyms?: readonly string[];
  /** Matched from typed text only; never shown as a button. */
  hidden?: boolean;
}

export type ChoiceMatch =
  | { readonly type: 'match'; readonly value: string; readonly score: number }
  | { readonly type: 'ambiguous'; readonly values: readonly string[] }
  | { readonly type: 'none' };

/** Score of an exact match (after folding); what free-text steps require before taking a button. */
export const EXACT_MATCH = 100;

/** 'Khiếu  nại!' → 'khieu nai'. */
export { foldText };

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("khieu nia"). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

// Short words tolerate no typo ("co" and "ko" must not meet); longer ones one or two.
function typoBudget(term: string): number {
  const letters = term.replace(/ /g, '').length;
  if (letters >= 9) return 2;
  if (letters >= 4) return 1;
  return 0;
}

function containsWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

function scoreTerm(query: string, term: string): number {
  if (!term) return 0;
  if (query === term || query.replace(/ /g, '') === term.replace(/ /g, '')) return EXACT_MATCH;
  // A longer phrase found inside the sentence beats a shorter one ("góp ý nội bộ" over "góp ý").
  if (term.length >= 2 && containsWords(query, term)) return 80 + Math.min(term.length, 99) / 100;
  if (query.length >= 3 && containsWords(term, query)) return 70;
  const budget = typoBudget(term);
  if (budget === 0) return 0;
  // The distance is at least the difference in length: a long message is never compared whole.
  if (Math.abs(query.length - term.length) <= budget) {
    const whole = editDistance(query, term);
    if (whole <= budget) return 60 - whole;
  }
  // The phrase, typed with a typo, inside a sentence: compare windows of as many words.
  const queryWords = query.split(' ');
  const size = term.split(' ').length;
  let best = 0;
  for (let i = 0; i + size <= queryWords.length; i++) {
    const d = editDistance(queryWords.slice(i, i + size).join(' '), term);
    if (d <= budget) best = Math.max(best, 55 - d);
  }
  return best;
}

/**
 * The option the person most likely meant. A bare number picks the n-th visible option. Two
 * different options scoring the same is ambiguous, never a guess.
 */
export function matchChoice(input: string, options: readonly ChoiceOption[]): ChoiceMatch {
  const query = foldText(input);
  if (!query) return { type: 'none' };
  if (/^\d{1,2}$/.test(query)) {
    const visible = options.filter((o) => !o.hidden);
    const picked = visible[Number(query) - 1];
    if (picked) return { type: 'match', value: picked.value, score: EXACT_MATCH };
  }
  const scored = options
    .map((option) => ({
      value: option.value,
      score: Math.max(
        0,
        ...[option.label, ...(option.synonyms ?? [])].map((t) => scoreTerm(query, foldText(t))),
      ),
    }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const [first] = scored;
  if (!first) return { type: 'none' };
  const tied = [...new Set(scored.filter((s) => s.score === first.score).map((s) => s.value))];
  if (tied.length > 1) return { type: 'ambiguous', values: tied };
  return { type: 'match', value: first.value, score: first.score };
}
