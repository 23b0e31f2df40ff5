import { describe, expect, it } from 'vitest';
import { KeptDuplicateIndexes } from './kept-duplicate-indexes.js';

const weights = { indexes: Int32Array.from([1, 2]), values: Float64Array.from([0.6, 0.8]) };
const entry = (caseId: string) => ({ caseId, code: caseId.toUpperCase(), weights });
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('KeptDuplicateIndexes', () => {
  it("keeps each organisation's cases apart: a search finds only its own", () => {
    const kept = new KeptDuplicateIndexes(1000);
    kept.forSearch('org-a', []).add(entry('a1'));
    kept.forSearch('org-b', []).add(entry('b1'));
    expect(
      kept
        .forSearch('org-a', ['a1'])
        .similarTo(weights, 0.5)
        .map((f) => f.entry.caseId),
    ).toEqual(['a1']);
    expect(kept.size).toBe(2);
  });

  it('drops the cases no longer open once they outnumber twice the open ones and 100 more', () => {
    const kept = new KeptDuplicateIndexes(10_000);
    const index = kept.forSearch('org', []);
    for (const id of ids('c', 300)) index.add(entry(id));
    const open = ids('c', 300).slice(-100);
    // 300 kept, 100 open: 300 is not more than 2 × 100 + 100.
    expect(kept.forSearch('org', open).size).toBe(300);
    // One more triaged, one fewer open: 301 kept, 100 open.
    index.add(entry('c300'));
    const after = kept.forSearch('org', [...open.slice(1), 'c300']);
    expect(after).toBe(index);
    expect(after.size).toBe(100);
    expect(after.get('c200')).toBeUndefined();
    expect(after.get('c201')).toBeDefined();
    expect(after.get('c300')).toBeDefined();
  });

  it('makes room under the cap from the least recently searched organisation first, then its own', () => {
    const kept = new KeptDuplicateIndexes(10);
    for (const org of ['a', 'b', 'c']) {
      const index = kept.forSearch(org, []);
      for (const id of ids(org, 3)) index.add(entry(id));
    }
    kept.forSearch('a', ids('a', 3)); // a is now the most recent; b the least
    expect(kept.makeRoom('c', 1)).toBe(false); // 9 + 1 fits
    expect(kept.makeRoom('c', 2)).toBe(false); // b goes
    expect(kept.forSearch('b', []).size).toBe(0);
    expect(kept.forSearch('a', ids('a', 3)).size).toBe(3);
    expect(kept.size).toBe(6);
    // a, then c itself: c's index emptied, the caller reads its open cases again.
    expect(kept.makeRoom('c', 9)).toBe(true);
    expect(kept.size).toBe(0);
  });
});
