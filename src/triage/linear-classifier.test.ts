import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedWeights, predictProbabilities, type LinearClassifier } from './linear-classifier.js';
import { FEATURE_SPACE, type SparseVector } from './text-features.js';

/** The definition the packed weights keep to: each feature's weights looked up in the Map. */
function probabilitiesByMap(model: LinearClassifier, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes.length);
  out.set(model.bias);
  for (let k = 0; k < x.indexes.length; k++) {
    const w = model.weights.get(x.indexes[k]!);
    if (!w) continue;
    for (let c = 0; c < out.length; c++) out[c]! += w[c]! * x.values[k]!;
  }
  const max = Math.max(...out);
  let sum = 0;
  for (let c = 0; c < out.length; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

const feature = fc.integer({ min: 0, max: FEATURE_SPACE - 1 });
const weight = fc.float({ min: -8, max: 8, noNaN: true });

const classifierAndVector = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    model: fc.record({
      classes: fc.constant(Array.from({ length: n }, (_, c) => `c${c}`)),
      bias: fc.array(weight, { minLength: n, maxLength: n }).map((b) => Float32Array.from(b)),
      weights: fc
        .uniqueArray(fc.tuple(feature, fc.array(weight, { minLength: n, maxLength: n })), {
          selector: ([f]) => f,
          maxLength: 300,
        })
        .map((rows) => new Map(rows.map(([f, w]) => [f, Float32Array.from(w)]))),
    }),
    // Some of the vector's features are the model's, most are not: as a new text's n-grams.
    extra: fc.uniqueArray(feature, { maxLength: 200 }),
    pick: fc.array(fc.boolean(), { maxLength: 300 }),
    value: weight,
  }),
);

describe('PackedWeights', () => {
  it('finds every feature of the classifier with its weights, and no other', () => {
    fc.assert(
      fc.property(classifierAndVector, ({ model, extra }) => {
        const packed = new PackedWeights(model);
        for (const [f, w] of model.weights) {
          const row = packed.rowOf(f);
          expect(row).toBeGreaterThanOrEqual(0);
          expect([...packed.weights.subarray(row * packed.n, (row + 1) * packed.n)]).toEqual([...w]);
        }
        for (const f of extra) if (!model.weights.has(f)) expect(packed.rowOf(f)).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the probabilities of the Map of weights, to the bit', () => {
    fc.assert(
      fc.property(classifierAndVector, ({ model, extra, pick, value }) => {
        const own = [...model.weights.keys()].filter((_, i) => pick[i]);
        const indexes = Int32Array.from(new Set([...own, ...extra])).sort();
        const x = { indexes, values: Float32Array.from(indexes, (_, k) => value / (k + 1)) };
        expect([...predictProbabilities(model, x)]).toEqual([...probabilitiesByMap(model, x)]);
      }),
      { numRuns: 200 },
    );
  });
});
