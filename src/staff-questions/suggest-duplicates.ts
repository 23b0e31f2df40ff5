// Likely duplicates among a collection's questions, for the board to confirm: TF-IDF cosine
// similarity over the words as the triage model reads them (folded, short forms spelt out:
// src/triage/text-features.ts), with the document frequencies of this collection itself — the
// triage model's vocabulary is patients' complaints, not staff questions. Pure.
import { modelTokens } from '../triage/text-features.js';

export interface SimilarityItem {
  /** What the board types for it: a question ref or a group number. */
  key: string;
  text: string;
}

export interface DuplicateCluster {
  keys: string[];
  /** The highest similarity inside the cluster, rounded to 2 decimals. */
  similarity: number;
}

function weightsOf(tokens: readonly string[], idf: (t: string) => number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const weights = new Map<string, number>();
  let norm = 0;
  for (const [t, c] of counts) {
    const v = (1 + Math.log(c)) * idf(t);
    weights.set(t, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, v] of weights) weights.set(t, v / norm);
  return weights;
}

export function similarityMatrix(items: readonly SimilarityItem[]): number[][] {
  const tokens = items.map((i) => modelTokens(i.text));
  const df = new Map<string, number>();
  for (const ts of tokens) for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = items.length;
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const vectors = tokens.map((ts) => weightsOf(ts, idf));
  return vectors.map((a) =>
    vectors.map((b) => {
      let dot = 0;
      for (const [t, v] of a) dot += v * (b.get(t) ?? 0);
      return dot;
    }),
  );
}

/**
 * Clusters of items whose similarity reaches `threshold` (linked pairs joined transitively), largest
 * similarity first; items without a likely duplicate are left out.
 */
export function suggestDuplicateClusters(
  items: readonly SimilarityItem[],
  threshold: number,
): DuplicateCluster[] {
  const m = similarityMatrix(items);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const best = new Map<number, number>();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const s = m[i]![j]!;
      if (s < threshold) continue;
      const [a, b] = [find(i), find(j)];
      const top = Math.max(s, best.get(a) ?? 0, best.get(b) ?? 0);
      parent[b] = a;
      best.set(a, top);
    }
  }
  const clusters = new Map<number, number[]>();
  items.forEach((_, i) => clusters.set(find(i), [...(clusters.get(find(i)) ?? []), i]));
  return [...clusters.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([root, members]) => ({
      keys: members.map((i) => items[i]!.key),
      similarity: Math.round((best.get(root) ?? 0) * 100) / 100,
    }))
    .sort((a, b) => b.similarity - a.similarity);
}
