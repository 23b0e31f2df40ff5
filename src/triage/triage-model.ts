// The triage model and the suggestions it makes for one case. Pure. Three linear heads (kind, unit
// role, urgency) over the hashed text features, and TF-IDF cosine similarity over words for
// duplicates. A unit is predicted as its role — the part of the unit code after the last '-'
// ("ta-kcc" → "kcc") — because every hospital of the directory has the same departments under its
// own prefix; the caller maps the role to the organisation's unit (decision 0030).
import { z } from 'zod';
import { CASE_KINDS, type CaseKind } from '../cases/case-vocabulary.js';
import {
  loadClassifier,
  packedWeights,
  probabilitiesOfRows,
  type PackedWeights,
  storeClassifier,
  trainClassifier,
  DEFAULT_TRAIN_OPTIONS,
  type LinearClassifier,
  type TrainingExample,
} from './linear-classifier.js';
import {
  hashFeature,
  namedFeatures,
  tokensWithOrigin,
  vectorize,
  type SparseVector,
} from './text-features.js';

export const URGENCIES = ['normal', 'urgent'] as const;
export type TriageUrgency = (typeof URGENCIES)[number];

export interface LabelledText {
  text: string;
  kind: CaseKind;
  /** The unit role ("kcc"), or null when the example says nothing about the unit. */
  unit: string | null;
  urgency: TriageUrgency;
  /** How much the example counts in training (an officer's confirmed choice counts more). */
  weight?: number;
}

export interface TriageModel {
  trainedAt: string;
  examples: number;
  kind: LinearClassifier;
  unit: LinearClassifier;
  urgency: LinearClassifier;
  /** Word feature → number of training texts holding it, for the IDF of duplicate search. */
  documentFrequency: Map<number, number>;
}

/** Thresholds an organisation may tune (config: TRIAGE_*). */
export interface TriageSettings {
  /** Below this probability a kind or unit is "low confidence": nothing is suggested. */
  minConfidence: number;
  /** p(urgent) at or above this suggests urgent: set low, because a missed emergency costs most. */
  urgentThreshold: number;
  /** Cosine similarity at or above which an open case is shown as a likely duplicate. */
  duplicateThreshold: number;
  maxDuplicates: number;
}

export const DEFAULT_TRIAGE_SETTINGS: TriageSettings = {
  minConfidence: 0.5,
  urgentThreshold: 0.3,
  duplicateThreshold: 0.5,
  maxDuplicates: 3,
};

/** The unit role of a unit code: what the unit head predicts. */
export function unitRole(unitCode: string): string {
  return unitCode.slice(unitCode.lastIndexOf('-') + 1);
}

export function trainTriageModel(examples: readonly LabelledText[], trainedAt: Date): TriageModel {
  const prepared = examples.map((e) => {
    const { tokens } = tokensWithOrigin(e.text);
    return { e, tokens, x: vectorize(namedFeatures(tokens)) };
  });
  const toExample = (x: SparseVector, label: string, weight?: number): TrainingExample => ({
    x,
    label,
    ...(weight !== undefined && { weight }),
  });
  const unitClasses = [...new Set(examples.flatMap((e) => (e.unit ? [e.unit] : [])))].sort();
  const documentFrequency = new Map<number, number>();
  for (const p of prepared) {
    for (const f of new Set(wordFeatures(p.tokens).keys())) {
      documentFrequency.set(f, (documentFrequency.get(f) ?? 0) + 1);
    }
  }
  return {
    trainedAt: trainedAt.toISOString(),
    examples: examples.length,
    kind: trainClassifier(
      CASE_KINDS,
      prepared.map((p) => toExample(p.x, p.e.kind, p.e.weight)),
    ),
    unit: trainClassifier(
      unitClasses,
      prepared.flatMap((p) => (p.e.unit ? [toExample(p.x, p.e.unit, p.e.weight)] : [])),
    ),
    urgency: trainClassifier(
      URGENCIES,
      prepared.map((p) => toExample(p.x, p.e.urgency, p.e.weight)),
      // Urgent messages are rare; each counts three times so the head does not learn "never urgent".
      { ...DEFAULT_TRAIN_OPTIONS, classWeights: { urgent: 3 } },
    ),
    documentFrequency,
  };
}

export interface FieldSuggestion<T extends string> {
  /** Null: low confidence, nothing suggested. */
  value: T | null;
  /** Probability of the most likely value (of `value` when there is one). */
  confidence: number;
  /** The words of the text that drove it most, as the sender typed them. */
  because: string[];
}

export interface DuplicateCandidate {
  caseId: string;
  code: string;
  text: string;
}

export interface DuplicateSuggestion {
  caseId: string;
  code: string;
  similarity: number;
  /** Words both texts hold that weigh most (rare words first), as the new sender typed them. */
  shared: string[];
}

export interface TriageSuggestion {
  kind: FieldSuggestion<CaseKind>;
  unit: FieldSuggestion<string>;
  urgency: FieldSuggestion<TriageUrgency>;
  duplicates: DuplicateSuggestion[];
  /**
   * The text's own word vector, as `buildDuplicateIndex` makes it: the case is open too, and the
   * cases after it compare with it (decision 0089).
   */
  weights: SortedWeights;
}

/**
 * A TF-IDF word vector as two parallel arrays sorted by feature index: a new case is compared with
 * up to 2,000 of them, and a merge of sorted arrays is several times faster than looking each of
 * its words up in a Map (decision 0087); it also takes a third of a Map's memory.
 */
export interface SortedWeights {
  indexes: Int32Array;
  values: Float64Array;
}

function sortedWeights(weights: Map<number, number>): SortedWeights {
  const indexes = Int32Array.from(weights.keys()).sort();
  const values = new Float64Array(indexes.length);
  indexes.forEach((ix, k) => (values[k] = weights.get(ix)!));
  return { indexes, values };
}

/** An open case as the duplicate search holds it: its TF-IDF word vector, read once. */
export interface DuplicateEntry {
  caseId: string;
  code: string;
  weights: SortedWeights;
}

/**
 * The open cases a new case is compared with, each read once, indexed by feature (decision 0094):
 * a new case's similarity is summed over the postings of its own features only, instead of a merge
 * with each of up to 2,000 vectors. The sum for a case adds the same products in the same order
 * (the new case's features ascending) as the merge did, so the figures are the same to the bit.
 */
export class DuplicateIndex {
  private readonly slotOf = new Map<string, number>();
  /** By slot; null for a case added again since (its postings are skipped). */
  private entries: (DuplicateEntry | null)[] = [];
  private postings = new Map<number, { slots: number[]; values: number[] }>();
  private sums = new Float64Array(0);
  private seen = new Uint8Array(0);
  /** Changes whenever a case held may change its slot (held again, retained, cleared). */
  private layout = 0;
  /** The last `slotsOf`: its ids, its answer, and the layout it holds for. */
  private lastLookup: { caseIds: readonly string[]; slots: Int32Array; layout: number } | undefined;
  /** Scratch of a search: each slot's rank among the candidates, -1 between searches. */
  private rankOfSlot = new Int32Array(0);
  /** Scratch of a search, by rank: the similarity of the candidate found there (NaN: none), its slot. */
  private similarityByRank = new Float64Array(0);
  private slotByRank = new Int32Array(0);

  get size(): number {
    return this.slotOf.size;
  }

  get(caseId: string): DuplicateEntry | undefined {
    const slot = this.slotOf.get(caseId);
    return slot === undefined ? undefined : this.entries[slot]!;
  }

  add(entry: DuplicateEntry): void {
    const previous = this.slotOf.get(entry.caseId);
    if (previous !== undefined) {
      this.entries[previous] = null;
      this.layout++;
    }
    const slot = this.entries.length;
    this.entries.push(entry);
    this.slotOf.set(entry.caseId, slot);
    const { indexes, values } = entry.weights;
    for (let k = 0; k < indexes.length; k++) {
      let list = this.postings.get(indexes[k]!);
      if (!list) this.postings.set(indexes[k]!, (list = { slots: [], values: [] }));
      list.slots.push(slot);
      list.values.push(values[k]!);
    }
  }

  /**
   * Keeps only the entries of these cases (those it holds), in the order they were added, with
   * postings of their own: a search walks the postings of every case kept, candidates or not.
   */
  retainOnly(caseIds: readonly string[]): void {
    const keep = new Set(caseIds);
    const kept = this.entries.filter((e): e is DuplicateEntry => e !== null && keep.has(e.caseId));
    this.clear();
    for (const entry of kept) this.add(entry);
  }

  clear(): void {
    this.layout++;
    this.slotOf.clear();
    this.entries = [];
    this.postings = new Map();
    this.sums = new Float64Array(0);
    this.seen = new Uint8Array(0);
    this.rankOfSlot = new Int32Array(0);
  }

  /**
   * Each case's slot in the index, -1 for a case it does not hold: the candidates of a search
   * resolved once, where the worker also needs to know which it lacks (decision 0102). Valid until
   * the index next changes.
   */
  slotsOf(caseIds: readonly string[]): Int32Array {
    const slots = new Int32Array(caseIds.length);
    // The worker's candidates are mostly the last search's, newest first, with the few cases made
    // since among them and a closed one gone: walked side by side with the last list, an id equal
    // to the one there (compared, not hashed) keeps its slot; only the others are looked up in the
    // map, where 2,000 fresh strings were hashed for every search.
    const last = this.lastLookup?.layout === this.layout ? this.lastLookup : undefined;
    const before = last?.caseIds ?? [];
    let j = 0;
    for (let i = 0; i < caseIds.length; i++) {
      const id = caseIds[i]!;
      let kept = -1;
      if (j < before.length && id === before[j]) kept = last!.slots[j++]!;
      else if (j + 1 < before.length && id === before[j + 1]) {
        kept = last!.slots[j + 1]!;
        j += 2;
      }
      slots[i] = kept >= 0 ? kept : (this.slotOf.get(id) ?? -1);
    }
    this.lastLookup = { caseIds, slots, layout: this.layout };
    return slots;
  }

  /**
   * The entries at least `threshold` similar to `mine`, among the cases `among` names (all, in the
   * order they were added, when absent) and in that order: the order a search over them one by one
   * would find them in.
   */
  similarTo(
    mine: SortedWeights,
    threshold: number,
    among?: readonly string[],
  ): { entry: DuplicateEntry; similarity: number }[] {
    return this.similarAmong(mine, threshold, among && this.slotsOf(among));
  }

  /** As `similarTo`, with the candidates given by their slots (`slotsOf`, -1 skipped), in their order. */
  similarAmong(
    mine: SortedWeights,
    threshold: number,
    among?: Int32Array,
  ): { entry: DuplicateEntry; similarity: number }[] {
    const found: { entry: DuplicateEntry; similarity: number }[] = [];
    const ranks = this.search(mine, threshold, among);
    const { similarityByRank, slotByRank } = this;
    for (let rank = 0; rank < ranks; rank++) {
      const similarity = similarityByRank[rank]!;
      if (!Number.isNaN(similarity)) found.push({ entry: this.entries[slotByRank[rank]!]!, similarity });
    }
    return found;
  }

  /**
   * `mostSimilar(this.similarAmong(mine, threshold, among), max)` without a list of every match:
   * with 2,000 open cases that all match (a burst of one text) the intake worker keeps three
   * (decision 0102).
   */
  mostSimilarAmong(
    mine: SortedWeights,
    threshold: number,
    max: number,
    among?: Int32Array,
  ): { other: DuplicateEntry; similarity: number }[] {
    const best: { other: DuplicateEntry; similarity: number }[] = [];
    if (max <= 0) return best;
    const ranks = this.search(mine, threshold, among);
    const { similarityByRank, slotByRank } = this;
    for (let rank = 0; rank < ranks; rank++) {
      const similarity = similarityByRank[rank]!;
      if (!Number.isNaN(similarity))
        keepIfAmongMostSimilar(best, max, this.entries[slotByRank[rank]!]!, similarity);
    }
    return best;
  }

  /**
   * Finds the entries at least `threshold` similar to `mine` among the candidates and places each at
   * its rank (its place in `among`, else its slot) in `similarityByRank` and `slotByRank`, NaN
   * elsewhere: read back in order, no sort, and with 2,000 open cases that all match (a burst of
   * one text) no object made for each. Returns the number of ranks.
   */
  private search(mine: SortedWeights, threshold: number, among: Int32Array | undefined): number {
    const ranks = among ? among.length : this.entries.length;
    if (this.similarityByRank.length < ranks) {
      this.similarityByRank = new Float64Array(ranks * 2);
      this.slotByRank = new Int32Array(ranks * 2);
    }
    this.similarityByRank.fill(Number.NaN, 0, ranks);
    if (this.sums.length < this.entries.length) {
      this.sums = new Float64Array(this.entries.length * 2);
      this.seen = new Uint8Array(this.entries.length * 2);
      this.rankOfSlot = new Int32Array(this.entries.length * 2).fill(-1);
    }
    const { sums, seen } = this;
    const touched: number[] = [];
    for (let k = 0; k < mine.indexes.length; k++) {
      const list = this.postings.get(mine.indexes[k]!);
      if (!list) continue;
      const v = mine.values[k]!;
      const { slots, values } = list;
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j]!;
        if (seen[slot] === 0) {
          seen[slot] = 1;
          touched.push(slot);
        }
        sums[slot] = sums[slot]! + v * values[j]!;
      }
    }
    // A threshold of 0 (a setting that makes every open case a duplicate) takes the cases that share
    // no word too, at 0.
    const slots = threshold > 0 ? touched : this.entries.map((_, slot) => slot);
    // Each slot's rank: its case's place in `among` (-1: not a candidate), else the slot itself.
    const rankOfSlot = this.rankOfSlot;
    if (among) for (let i = 0; i < among.length; i++) if (among[i]! >= 0) rankOfSlot[among[i]!] = i;
    const { similarityByRank, slotByRank } = this;
    for (const slot of slots) {
      const similarity = sums[slot]!;
      const rank = among ? rankOfSlot[slot]! : slot;
      if (this.entries[slot] && similarity >= threshold && rank >= 0) {
        similarityByRank[rank] = similarity;
        slotByRank[rank] = slot;
      }
    }
    for (const slot of touched) {
      sums[slot] = 0;
      seen[slot] = 0;
    }
    if (among) for (let i = 0; i < among.length; i++) if (among[i]! >= 0) rankOfSlot[among[i]!] = -1;
    return ranks;
  }
}

/** A case's entry: its TF-IDF word vector, as the duplicate search compares it. */
export function duplicateEntryOf(model: TriageModel, c: DuplicateCandidate): DuplicateEntry {
  return {
    caseId: c.caseId,
    code: c.code,
    weights: sortedWeights(tfidf(model, tokensWithOrigin(c.text).tokens).weights),
  };
}

export function buildDuplicateIndex(
  model: TriageModel,
  openCases: readonly DuplicateCandidate[],
): DuplicateIndex {
  const index = new DuplicateIndex();
  for (const c of openCases) index.add(duplicateEntryOf(model, c));
  return index;
}

/**
 * `among`: the open cases' ids, newest first, when `openCases` holds others too (the worker's index
 * keeps cases that have been closed since), or their slots (`slotsOf`); absent, every case in it is
 * a candidate.
 */
export function suggestTriage(
  model: TriageModel,
  text: string,
  openCases: DuplicateIndex,
  settings: TriageSettings = DEFAULT_TRIAGE_SETTINGS,
  among?: readonly string[] | Int32Array,
): TriageSuggestion {
  const { tokens, origins } = tokensWithOrigin(text);
  const features = namedFeatures(tokens);
  const x = vectorize(features);
  const mine = tfidf(model, tokens);
  const weights = sortedWeights(mine.weights);
  // Each occurrence's place in `x`, and its value shared among the feature's occurrences: the same
  // for the three heads, made once.
  let featureShares: ReturnType<typeof sharesOfFeatures> | undefined;
  const shares = () => (featureShares ??= sharesOfFeatures(features, x));
  const head = <T extends string>(
    classifier: LinearClassifier,
    choose: (p: Float64Array) => number | null,
  ) => {
    // Each distinct feature looked up once, for the probabilities and the explanation.
    const packed = packedWeights(classifier);
    const rows = packed.rowsOf(x.indexes);
    const probs = probabilitiesOfRows(classifier, rows, x.values);
    const best = choose(probs);
    const top = best ?? argmax(probs);
    return {
      value: best === null ? null : (classifier.classes[best] as T),
      confidence: round(probs[top]!),
      because: best === null ? [] : explain(packed, rows, best, features, shares(), origins),
    };
  };
  const confident = (p: Float64Array) => (p[argmax(p)]! >= settings.minConfidence ? argmax(p) : null);
  const urgentIndex = model.urgency.classes.indexOf('urgent');
  return {
    kind: head<CaseKind>(model.kind, confident),
    unit: head<string>(model.unit, confident),
    urgency: head<TriageUrgency>(model.urgency, (p) =>
      p[urgentIndex]! >= settings.urgentThreshold ? urgentIndex : confident(p),
    ),
    duplicates: findDuplicates(mine, weights, tokens, origins, openCases, settings, among),
    weights,
  };
}

function argmax(a: Float64Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * For each feature occurrence: its place in `x` (`x.indexes` holds every feature once, ascending)
 * and its value there divided among the occurrences of its index.
 */
function sharesOfFeatures(
  features: ReturnType<typeof namedFeatures>,
  x: SparseVector,
): { placeOf: Int32Array; shares: Float64Array } {
  const placeOf = Int32Array.from(features, (f) => placeIn(x.indexes, f.index));
  const counts = new Int32Array(x.indexes.length);
  for (const k of placeOf) counts[k]!++;
  const shares = Float64Array.from(placeOf, (k) => x.values[k]! / counts[k]!);
  return { placeOf, shares };
}

/** Where `value` is in the ascending `sorted`, which holds it. */
function placeIn(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The typed words that pushed most towards `cls` against the average class: each feature's weight
 * margin times its value, shared among the words it was read from.
 */
function explain(
  { weights, n }: PackedWeights,
  rows: Int32Array,
  cls: number,
  features: ReturnType<typeof namedFeatures>,
  { placeOf, shares }: ReturnType<typeof sharesOfFeatures>,
  origins: readonly string[],
  max = 3,
): string[] {
  const byWord = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    const row = rows[placeOf[i]!]!;
    if (row < 0) continue;
    const base = row * n;
    let mean = 0;
    for (let c = 0; c < n; c++) mean += weights[base + c]!;
    const margin = (weights[base + cls]! - mean / n) * shares[i]!;
    for (const t of f.tokens) {
      const word = origins[t]!;
      byWord.set(word, (byWord.get(word) ?? 0) + margin / f.tokens.length);
    }
  }
  return [...byWord]
    .filter(([, score]) => score > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([word]) => word);
}

/** Word unigram and bigram features of a token list, with counts and the first token each came from. */
function wordFeatures(
  tokens: readonly string[],
): Map<number, { count: number; token: number; unigram: boolean }> {
  const out = new Map<number, { count: number; token: number; unigram: boolean }>();
  const add = (name: string, token: number, unigram: boolean) => {
    const ix = hashFeature(name);
    const had = out.get(ix);
    if (had) had.count++;
    else out.set(ix, { count: 1, token, unigram });
  };
  tokens.forEach((t, i) => {
    add(`w:${t}`, i, true);
    if (i + 1 < tokens.length) add(`b:${t} ${tokens[i + 1]}`, i, false);
  });
  return out;
}

function tfidf(model: TriageModel, tokens: readonly string[]) {
  const words = wordFeatures(tokens);
  const weights = new Map<number, number>();
  let norm = 0;
  for (const [ix, { count }] of words) {
    const idf = Math.log((model.examples + 1) / ((model.documentFrequency.get(ix) ?? 0) + 1)) + 1;
    const v = (1 + Math.log(count)) * idf;
    weights.set(ix, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [ix, v] of weights) weights.set(ix, v / norm);
  return { words, weights };
}

function findDuplicates(
  mine: ReturnType<typeof tfidf>,
  mineSorted: SortedWeights,
  tokens: readonly string[],
  origins: readonly string[],
  openCases: DuplicateIndex,
  settings: TriageSettings,
  among: readonly string[] | Int32Array | undefined,
): DuplicateSuggestion[] {
  if (!tokens.length) return [];
  // Up to 2,000 open cases per new case: the similarity alone first, and the shared words only of
  // the few kept (the same words, in the same order, as when every candidate built its list).
  return openCases
    .mostSimilarAmong(
      mineSorted,
      settings.duplicateThreshold,
      settings.maxDuplicates,
      among instanceof Int32Array ? among : among && openCases.slotsOf(among),
    )
    .map(({ other, similarity }) => {
      const theirs = new Map<number, number>();
      other.weights.indexes.forEach((ix, k) => theirs.set(ix, other.weights.values[k]!));
      const shared: [string, number][] = [];
      for (const [ix, v] of mine.weights) {
        const w = theirs.get(ix);
        if (w === undefined) continue;
        const word = mine.words.get(ix)!;
        if (word.unigram) shared.push([origins[word.token]!, v * w]);
      }
      const words = [...new Set(shared.sort((a, b) => b[1] - a[1]).map(([w]) => w))].slice(0, 5);
      return { caseId: other.caseId, code: other.code, similarity, shared: words };
    });
}

/**
 * The `max` most similar (rounded as shown), the earlier found first among equals: what a stable
 * sort of all of them by similarity would put first. The definition `mostSimilarAmong` keeps to.
 */
export function mostSimilar(
  found: readonly { entry: DuplicateEntry; similarity: number }[],
  max: number,
): { other: DuplicateEntry; similarity: number }[] {
  const best: { other: DuplicateEntry; similarity: number }[] = [];
  if (max <= 0) return best;
  for (const { entry, similarity } of found) keepIfAmongMostSimilar(best, max, entry, similarity);
  return best;
}

/**
 * One step of `mostSimilar`: `best` (at most `max`, most similar first) with the next found, in
 * the order found, if it beats the last kept (rounded as shown; an equal one found later does not).
 */
function keepIfAmongMostSimilar(
  best: { other: DuplicateEntry; similarity: number }[],
  max: number,
  other: DuplicateEntry,
  similarity: number,
): void {
  const rounded = round(similarity);
  if (best.length === max && rounded <= best[max - 1]!.similarity) return;
  let at = best.length;
  while (at > 0 && best[at - 1]!.similarity < rounded) at--;
  best.splice(at, 0, { other, similarity: rounded });
  if (best.length > max) best.pop();
}

// ---- Stored form (a JSON document, kept in the database: decision 0031) ----

const ZStoredClassifierSchema = z.object({
  classes: z.array(z.string()),
  bias: z.array(z.number()),
  features: z.string(),
  weights: z.string(),
});

export const ZStoredTriageModelSchema = z.object({
  format: z.literal('langnghe-triage-1'),
  trainedAt: z.string(),
  examples: z.number().int().nonnegative(),
  kind: ZStoredClassifierSchema,
  unit: ZStoredClassifierSchema,
  urgency: ZStoredClassifierSchema,
  documentFrequency: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type StoredTriageModel = z.infer<typeof ZStoredTriageModelSchema>;

export function storeTriageModel(model: TriageModel): StoredTriageModel {
  return {
    format: 'langnghe-triage-1',
    trainedAt: model.trainedAt,
    examples: model.examples,
    kind: storeClassifier(model.kind),
    unit: storeClassifier(model.unit),
    urgency: storeClassifier(model.urgency),
    documentFrequency: [...model.documentFrequency],
  };
}

export function loadTriageModel(stored: unknown): TriageModel {
  const s = ZStoredTriageModelSchema.parse(stored);
  return {
    trainedAt: s.trainedAt,
    examples: s.examples,
    kind: loadClassifier(s.kind),
    unit: loadClassifier(s.unit),
    urgency: loadClassifier(s.urgency),
    documentFrequency: new Map(s.documentFrequency),
  };
}
