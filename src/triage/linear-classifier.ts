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
  const weights = new Map<number, Float32Array>();
  for (const [ix, r] of rowOf) weights.set(ix, w.slice(r * n, (r + 1) * n));
  return { classes, bias, weights };
}

/** Class probabilities for one vector, in the order of `model.classes`. */
export function predictProbabilities(model: LinearClassifier, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes.length);
  scoresInto(model, x, out);
  return softmaxInPlace(out);
}

function scoresInto(model: LinearClassifier, x: SparseVector, out: Float64Array): void {
  out.set(model.bias);
  for (let k = 0; k < x.indexes.length; k++) {
    const w = model.weights.get(x.indexes[k]!);
    if (!w) continue;
    const v = x.values[k]!;
    for (let c = 0; c < out.length; c++) out[c]! += w[c]! * v;
  }
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
  const weights = new Map<number, Float32Array>();
  keys.forEach((k, i) => weights.set(k, flat.slice(i * n, (i + 1) * n)));
  return { classes: stored.classes, bias: Float32Array.from(stored.bias), weights };
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
