import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus, splitCorpus, isHeldOut } from './triage-corpus.js';
import {
  buildDuplicateIndex,
  DEFAULT_TRIAGE_SETTINGS,
  DuplicateIndex,
  type DuplicateEntry,
  type SortedWeights,
  loadTriageModel,
  storeTriageModel,
  suggestTriage,
  trainTriageModel,
  unitRole,
  type TriageModel,
  mostSimilar,
} from './triage-model.js';
import type { LinearClassifier } from './linear-classifier.js';
import { modelTokens, namedFeatures, tokensWithOrigin, vectorize } from './text-features.js';

const NOW = new Date('2026-03-18T02:00:00Z');
const NO_OPEN_CASES = new DuplicateIndex();
let corpus: ReturnType<typeof readCorpus>;
let model: TriageModel;

beforeAll(() => {
  corpus = readCorpus();
  model = trainTriageModel(splitCorpus(corpus).training, NOW);
});

describe('text features', () => {
  it('reads teen-code and text without diacritics as the same words', () => {
    expect(modelTokens('bs ko cho dc kham o bv')).toEqual([
      'bac',
      'si',
      'khong',
      'cho',
      'duoc',
      'kham',
      'o',
      'benh',
      'vien',
    ]);
    expect(modelTokens('Bác sĩ không cho được khám ở bệnh viện')).toEqual(
      modelTokens('bs ko cho dc kham o bv'),
    );
  });
});

describe('triage model', () => {
  it('keeps a fixed held-out fifth of the corpus out of training', () => {
    const { training, heldOut } = splitCorpus(corpus);
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    expect(heldOut.length / corpus.length).toBeGreaterThan(0.12);
    expect(training.some((e) => isHeldOut(e.id))).toBe(false);
  });

  it('suggests kind, unit and urgency with the words that drove them', () => {
    const s = suggestTriage(
      model,
      'Tôi tố cáo bác sĩ khoa Ngoại nhận phong bì 2 triệu mới cho mổ',
      NO_OPEN_CASES,
    );
    expect(s.kind.value).toBe('denunciation');
    expect(s.kind.because.length).toBeGreaterThan(0);
    expect(s.unit.value).toBe('kngoai');
    expect(s.urgency.value).toBe('normal');
  });

  it('flags an emergency typed without diacritics as urgent', () => {
    const s = suggestTriage(
      model,
      'gap lam be nha toi sot cao co giat o khoa nhi ma ko co bs',
      NO_OPEN_CASES,
    );
    expect(s.urgency.value).toBe('urgent');
    expect(s.unit.value).toBe('knhi');
  });

  it('says low confidence and suggests nothing below the configured threshold', () => {
    const strict = { ...DEFAULT_TRIAGE_SETTINGS, minConfidence: 0.99 };
    const s = suggestTriage(model, 'xyz qwv', NO_OPEN_CASES, strict);
    expect(s.kind.value).toBeNull();
    expect(s.kind.because).toEqual([]);
  });

  it('finds the open case that tells the same incident and says what they share', () => {
    const index = buildDuplicateIndex(model, [
      {
        caseId: 'a',
        code: 'AAAA-BBB-CCC',
        text: 'Phòng 305 giường 12 khoa Nội: điều hòa hỏng 3 ngày không ai sửa',
      },
      { caseId: 'b', code: 'DDDD-EEE-FFF', text: 'Cảm ơn khoa Sản đã chăm sóc mẹ con tôi' },
    ]);
    const s = suggestTriage(model, 'khoa noi phong 305 giuong 12 dieu hoa hong 3 ngay ko ai sua', index);
    expect(s.duplicates.map((d) => d.caseId)).toEqual(['a']);
    expect(s.duplicates[0]!.shared).toEqual(expect.arrayContaining(['305']));
  });

  it('learns from an officer’s override in the next training', () => {
    const text = 'Nhà vệ sinh tầng 2 không có nước rửa tay';
    const before = suggestTriage(model, text, NO_OPEN_CASES);
    expect(before.unit.value).not.toBe('knhi');
    const override = { text, kind: 'report' as const, unit: 'knhi', urgency: 'normal' as const, weight: 5 };
    const retrained = trainTriageModel([...splitCorpus(corpus).training, override], NOW);
    expect(suggestTriage(retrained, text, NO_OPEN_CASES).unit.value).toBe('knhi');
  });

  it('stores and loads the model without changing a prediction', () => {
    const loaded = loadTriageModel(JSON.parse(JSON.stringify(storeTriageModel(model))));
    const text = 'thuoc phat o nha thuoc bv gan het han';
    expect(suggestTriage(loaded, text, NO_OPEN_CASES)).toEqual(suggestTriage(model, text, NO_OPEN_CASES));
  });

  it('explains each choice with the words the Map of weights gives (decision 0113)', () => {
    const { heldOut } = splitCorpus(corpus);
    let explained = 0;
    for (const { text } of heldOut) {
      const s = suggestTriage(model, text, NO_OPEN_CASES);
      const heads = [
        [model.kind, s.kind],
        [model.unit, s.unit],
        [model.urgency, s.urgency],
      ] as const;
      for (const [classifier, field] of heads) {
        if (field.value === null) continue;
        explained++;
        expect(field.because).toEqual(
          becauseByMap(classifier, classifier.classes.indexOf(field.value), text),
        );
      }
    }
    expect(explained).toBeGreaterThan(heldOut.length);
  });

  it('predicts a unit role from any organisation’s unit code', () => {
    expect(unitRole('ta-kcc')).toBe('kcc');
    expect(unitRole('kcc')).toBe('kcc');
  });
});

/** The explanation as defined before the packed weights: every occurrence looked up in the Map. */
function becauseByMap(classifier: LinearClassifier, cls: number, text: string): string[] {
  const { tokens, origins } = tokensWithOrigin(text);
  const features = namedFeatures(tokens);
  const x = vectorize(features);
  const valueOf = new Map<number, number>();
  x.indexes.forEach((ix, k) => valueOf.set(ix, x.values[k]!));
  const counts = new Map<number, number>();
  for (const f of features) counts.set(f.index, (counts.get(f.index) ?? 0) + 1);
  const n = classifier.classes.length;
  const byWord = new Map<string, number>();
  for (const f of features) {
    const w = classifier.weights.get(f.index);
    if (!w) continue;
    let mean = 0;
    for (let c = 0; c < n; c++) mean += w[c]!;
    const margin = (w[cls]! - mean / n) * (valueOf.get(f.index)! / counts.get(f.index)!);
    for (const t of f.tokens) {
      const word = origins[t]!;
      byWord.set(word, (byWord.get(word) ?? 0) + margin / f.tokens.length);
    }
  }
  return [...byWord]
    .filter(([, score]) => score > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([word]) => word);
}

// The index sums a new case's similarity over the postings of its features (decision 0094); a merge
// of the two sorted vectors, one candidate at a time, is what it replaced and what it must equal.
describe('DuplicateIndex', () => {
  const mergeDot = (a: SortedWeights, b: SortedWeights) => {
    let sum = 0;
    for (let i = 0, j = 0; i < a.indexes.length && j < b.indexes.length;) {
      const x = a.indexes[i]!;
      const y = b.indexes[j]!;
      if (x === y) sum += a.values[i++]! * b.values[j++]!;
      else if (x < y) i++;
      else j++;
    }
    return sum;
  };
  const vector = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0.001, max: 1, noNaN: true })), {
      selector: ([ix]) => ix,
      maxLength: 25,
    })
    .map((pairs): SortedWeights => {
      const sorted = [...pairs].sort((p, q) => p[0] - q[0]);
      return {
        indexes: Int32Array.from(sorted.map((p) => p[0])),
        values: Float64Array.from(sorted.map((p) => p[1])),
      };
    });

  it('finds what a merge with each candidate finds, with the same figures, in the same order, also after retainOnly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), vector), { maxLength: 40 }),
        vector,
        fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1.5, noNaN: true })),
        fc.option(fc.shuffledSubarray([...Array(31).keys()]), { nil: undefined }),
        fc.option(fc.shuffledSubarray([...Array(31).keys()]), { nil: undefined }),
        (added, mine, threshold, amongKeys, retainedKeys) => {
          const index = new DuplicateIndex();
          // A case added again replaces its earlier vector.
          const current = new Map<string, DuplicateEntry>();
          for (const [key, weights] of added) {
            const entry = { caseId: `c${key}`, code: `C${key}`, weights };
            index.add(entry);
            current.delete(entry.caseId);
            current.set(entry.caseId, entry);
          }
          // Cases dropped by retainOnly are no candidates any more; the others keep their order.
          if (retainedKeys) {
            const retained = retainedKeys.map((k) => `c${k}`);
            index.retainOnly(retained);
            for (const id of current.keys()) if (!retained.includes(id)) current.delete(id);
            expect(index.size).toBe(current.size);
          }
          const among = amongKeys?.map((k) => `c${k}`);
          const candidates = among ? among.flatMap((id) => current.get(id) ?? []) : [...current.values()];
          const expected = candidates
            .map((entry) => ({ entry, similarity: mergeDot(mine, entry.weights) }))
            .filter((c) => c.similarity >= threshold);
          expect(index.similarTo(mine, threshold, among)).toEqual(expected);
          // The worker's way: each candidate looked up once, -1 for a case the index does not hold.
          const slots = among && index.slotsOf(among);
          if (among) {
            expect([...slots!].map((slot) => slot === -1)).toEqual(among.map((id) => !current.has(id)));
            expect(index.similarAmong(mine, threshold, slots)).toEqual(expected);
          }
          // The few the worker keeps, without the list of all: as the definition keeps them.
          for (const max of [0, 1, 3, 50]) {
            expect(index.mostSimilarAmong(mine, threshold, max, slots)).toEqual(mostSimilar(expected, max));
          }
          // A second search starts from nothing too.
          expect(index.similarTo(mine, threshold, among)).toEqual(expected);
        },
      ),
    );
  });

  it('gives each case its slot, -1 for one it does not hold, whatever changed since the last lookup', () => {
    const weights = { indexes: Int32Array.from([1]), values: Float64Array.from([1]) };
    const id = fc.integer({ min: 0, max: 6 });
    const op = fc.oneof(
      { weight: 4, arbitrary: fc.record({ add: id }) },
      { weight: 1, arbitrary: fc.record({ retain: fc.uniqueArray(id, { maxLength: 7 }) }) },
      { weight: 1, arbitrary: fc.record({ clear: fc.constant(true) }) },
      // The worker's lists: newest first, a few new ones before the last list, the oldest dropped.
      {
        weight: 4,
        arbitrary: fc.record({ shift: fc.tuple(fc.uniqueArray(id, { maxLength: 3 }), fc.nat(4)) }),
      },
      { weight: 2, arbitrary: fc.record({ lookup: fc.uniqueArray(id, { maxLength: 7 }) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
        const index = new DuplicateIndex();
        let last: string[] = [];
        for (const o of ops) {
          if ('add' in o) index.add({ caseId: `c${o.add}`, code: '', weights });
          else if ('retain' in o) index.retainOnly(o.retain.map((k) => `c${k}`));
          else if ('clear' in o) index.clear();
          else {
            const ids =
              'shift' in o
                ? [...o.shift[0].map((k) => `c${k}`).filter((id) => !last.includes(id)), ...last].slice(
                    0,
                    Math.max(0, last.length + o.shift[0].length - o.shift[1]),
                  )
                : o.lookup.map((k) => `c${k}`);
            // Fresh strings, as the database's answer is split into.
            const fresh = ids.map((id) => [...id].join(''));
            const slots = index.slotsOf(fresh);
            expect([...slots].map((slot) => slot === -1)).toEqual(fresh.map((id) => !index.get(id)));
            // Each slot holds its own case: a search among them finds exactly those held, in order.
            expect(index.similarAmong(weights, 0, slots).map((f) => f.entry.caseId)).toEqual(
              fresh.filter((id) => index.get(id)),
            );
            last = fresh;
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('forgets everything when cleared', () => {
    const index = new DuplicateIndex();
    const weights = { indexes: Int32Array.from([1, 2]), values: Float64Array.from([0.5, 0.5]) };
    index.add({ caseId: 'a', code: 'A', weights });
    index.clear();
    expect(index.size).toBe(0);
    expect(index.get('a')).toBeUndefined();
    expect(index.similarTo(weights, 0)).toEqual([]);
  });
});

describe('mostSimilar', () => {
  it('keeps what a stable sort by rounded similarity puts first', () => {
    const weights = { indexes: Int32Array.from([]), values: Float64Array.from([]) };
    fc.assert(
      fc.property(
        // Few distinct values, so that rounded ties are common.
        fc.array(
          fc.integer({ min: 0, max: 12 }).map((n) => n / 8 + (n % 3) * 0.0001),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 5 }),
        (similarities, max) => {
          const found = similarities.map((similarity, i) => ({
            entry: { caseId: `c${i}`, code: `C${i}`, weights },
            similarity,
          }));
          const round = (v: number) => Math.round(v * 1000) / 1000;
          const expected = found
            .map(({ entry, similarity }) => ({ other: entry, similarity: round(similarity) }))
            .sort((a, b) => b.similarity - a.similarity)
            .slice(0, max);
          expect(mostSimilar(found, max)).toEqual(expected);
        },
      ),
    );
  });
});
