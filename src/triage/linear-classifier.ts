// Multinomial logistic regression on sparse hashed features, trained by stochastic gradient
// descent. Pure and deterministic (a seeded shuffle). Small on purpose (decision 0030): the npm
// libraries that fit a browser-free server either hold dense matrices (a million columns) or give
// no probabilities and no per-feature weights, and an officer must see which words drove a choice.
import type { SparseVector } from './text-features.js';

export interface LinearClassifier {
  classes: readonly string[];
  bias: Float32Array;
  /** Feature index → one weight per class. Features never seen in training are absent (weight 0). */
  weights: Map<number, Float32Array>;
}

export interface TrainingExample {
  x: SparseVector;
  label: string;
  /** How much the example counts; an officer's confirmed choice counts more than the corpus. */
  weight?: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches. */
  l2: number;
  seed: number;
  /** Weight per class, e.g. to favour recall of a rare class. */
  classWeights?: Readonly<Record<string, number>>;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 20, learningRate: 4, l2: 1e-5, seed: 7 };

export function trainClassifier(
  classes: readonly string[],
  examples: readonly TrainingExample[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): LinearClassifier {
  const n = classes.length;
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  // Hashed indexes → dense row numbers, once: the epochs then touch typed arrays only.
  const rowOf = new Map<number, number>();
  const rows = examples.map((ex) =>
    Int32Array.from(ex.x.indexes, (ix) => {
      let r = rowOf.get(ix);
      if (r === undefined) rowOf.set(ix, (r = rowOf.size));
      return r;
    }),
  );
  const labels = examples.map((ex) => {
    const y = classIndex.get(ex.label);
    if (y === undefined) throw new Error(`Unknown class ${ex.label}`);
    return y;
  });
  const w = new Float32Array(rowOf.size * n);
  const bias = new Float32Array(n);
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  const scores = new Float64Array(n);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    const rate = options.learningRate / (1 + epoch * 0.5);
    for (const i of order) {
      const ex = examples[i]!;
      const row = rows[i]!;
      const values = ex.x.values;
      const y = labels[i]!;
      scores.set(bias);
      for (let k = 0; k < row.length; k++) {
        const base = row[k]! * n;
        const v = values[k]!;
        for (let c = 0; c < n; c++) scores[c]! += w[base + c]! * v;
      }
      softmaxInPlace(scores);
      const weight = (ex.weight ?? 1) * (options.classWeights?.[ex.label] ?? 1);
      for (let c = 0; c < n; c++) scores[c] = (scores[c]! - (c === y ? 1 : 0)) * weight;
      for (let c = 0; c < n; c++) bias[c]! -= rate * scores[c]!;
      for (let k = 0; k < row.length; k++) {
        const base = row[k]! * n;
        const v = values[k]!;
        for (let c = 0; c < n; c++)
          w[base + c] = w[base + c]! - rate * (scores[c]! * v + options.l2 * w[base + c]!);
      }
    }
  }
  return { classes, bias, weights: rowsOfFlat(rowOf.keys(), w, n) };
}

/** Class probabilities for one vector, in the order of `model.classes`. */
export function predictProbabilities(model: LinearClassifier, x: SparseVector): Float64Array {
  return probabilitiesOfRows(model, packedWeights(model).rowsOf(x.indexes), x.values);
}

/**
 * `predictProbabilities` with the vector's features already found (`PackedWeights.rowsOf`): the
 * caller that also explains the choice looks each feature up once.
 */
export function probabilitiesOfRows(
  model: LinearClassifier,
  rows: Int32Array,
  values: Float32Array,
): Float64Array {
  const { weights, n } = packedWeights(model);
  const out = new Float64Array(n);
  out.set(model.bias);
  // The same products added in the same order as over the Map of weights: the same figures.
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (row < 0) continue;
    const v = values[k]!;
    const base = row * n;
    for (let c = 0; c < n; c++) out[c]! += weights[base + c]! * v;
  }
  return softmaxInPlace(out);
}

/**
 * A classifier's weights as prediction reads them (decision 0113): its features in an
 * open-addressing table of typed arrays, their weights in one array, a row of `n` per feature.
 * A new case's text has about a thousand distinct features and its triage looked each up in three
 * Maps of boxed Float32Arrays, and again for every occurrence to explain a choice: a third of
 * triage's time. Made once per classifier, which never changes once trained or loaded.
 */
export class PackedWeights {
  readonly n: number;
  /** Row r holds the weights of the feature found at r, class by class. */
  readonly weights: Float32Array;
  private readonly features: Int32Array;
  private readonly rowAt: Int32Array;
  private readonly shift: number;

  constructor(model: LinearClassifier) {
    this.n = model.classes.length;
    let bits = 4;
    // At most half full: a miss (most of a text's character n-grams) ends after a probe or two.
    while (1 << bits < model.weights.size * 2) bits++;
    this.shift = 32 - bits;
    this.features = new Int32Array(1 << bits).fill(-1);
    this.rowAt = new Int32Array(1 << bits);
    this.weights = new Float32Array(model.weights.size * this.n);
    let row = 0;
    for (const [feature, w] of model.weights) {
      let at = this.slotOf(feature);
      while (this.features[at] !== -1) at = (at + 1) & (this.features.length - 1);
      this.features[at] = feature;
      this.rowAt[at] = row;
      this.weights.set(w, row * this.n);
      row++;
    }
  }

  /** The row of a feature, -1 when training never saw it (its weights are all 0). */
  rowOf(feature: number): number {
    const mask = this.features.length - 1;
    for (let at = this.slotOf(feature); ; at = (at + 1) & mask) {
      const held = this.features[at]!;
      if (held === feature) return this.rowAt[at]!;
      if (held === -1) return -1;
    }
  }

  rowsOf(features: Int32Array): Int32Array {
    const rows = new Int32Array(features.length);
    for (let k = 0; k < features.length; k++) rows[k] = this.rowOf(features[k]!);
    return rows;
  }

  /** Features are hashes already, but within 2^20: a multiplicative hash spreads them over the table. */
  private slotOf(feature: number): number {
    return Math.imul(feature, 0x9e3779b1) >>> this.shift;
  }
}

const packed = new WeakMap<LinearClassifier, PackedWeights>();

export function packedWeights(model: LinearClassifier): PackedWeights {
  let p = packed.get(model);
  if (!p) packed.set(model, (p = new PackedWeights(model)));
  return p;
}

function softmaxInPlace(a: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of a) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] = Math.exp(a[i]! - max);
  for (let i = 0; i < a.length; i++) a[i]! /= sum;
  return a;
}

/** Mulberry32: a tiny seeded generator, so a training run is repeatable. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(a: number[], random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}

/** Stored form: plain JSON with the weights as base64 (a few hundred kB for the shipped corpus). */
export interface StoredClassifier {
  classes: string[];
  bias: number[];
  features: string;
  weights: string;
}

export function storeClassifier(model: LinearClassifier): StoredClassifier {
  const keys = [...model.weights.keys()].sort((a, b) => a - b);
  const n = model.classes.length;
  const flat = new Float32Array(keys.length * n);
  keys.forEach((k, i) => flat.set(model.weights.get(k)!, i * n));
  return {
    classes: [...model.classes],
    bias: [...model.bias],
    features: Buffer.from(Int32Array.from(keys).buffer).toString('base64'),
    weights: Buffer.from(flat.buffer).toString('base64'),
  };
}

export function loadClassifier(stored: StoredClassifier): LinearClassifier {
  const n = stored.classes.length;
  const keys = new Int32Array(toArrayBuffer(Buffer.from(stored.features, 'base64')));
  const flat = new Float32Array(toArrayBuffer(Buffer.from(stored.weights, 'base64')));
  return {
    classes: stored.classes,
    bias: Float32Array.from(stored.bias),
    weights: rowsOfFlat(keys, flat, n),
  };
}

/**
 * Each feature's weights as a view of its row in `flat`, the features in row order: not a copy
 * each, which made 11,000 small arrays per head on the heap for the shipped model (twice its
 * memory, and more for the collector to walk).
 */
function rowsOfFlat(features: Iterable<number>, flat: Float32Array, n: number): Map<number, Float32Array> {
  const weights = new Map<number, Float32Array>();
  let row = 0;
  for (const feature of features) {
    weights.set(feature, flat.subarray(row * n, (row + 1) * n));
    row++;
  }
  return weights;
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
