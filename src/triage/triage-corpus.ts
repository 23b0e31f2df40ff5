// The shipped corpus (src/triage/corpus.jsonl, written by scripts/triage-corpus.ts), its fixed
// held-out fifth, and the figures a model reaches on it. The split is by a hash of the example id,
// so it never changes when examples are added and training never sees a held-out example.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ZCaseKindSchema } from '../cases/case-vocabulary.js';
import { hashFeature } from './text-features.js';
import {
  buildDuplicateIndex,
  suggestTriage,
  DEFAULT_TRIAGE_SETTINGS,
  URGENCIES,
  type LabelledText,
  type TriageModel,
  type TriageSettings,
} from './triage-model.js';

export const CORPUS_URL = new URL('./corpus.jsonl', import.meta.url);

const ZCorpusExampleSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  kind: ZCaseKindSchema,
  unit: z.string().min(1),
  urgency: z.enum(URGENCIES),
  style: z.enum(['vi', 'plain', 'teen', 'en']),
  duplicateGroup: z.string().optional(),
});
export type CorpusExample = z.infer<typeof ZCorpusExampleSchema> & LabelledText;

export function readCorpus(url: URL = CORPUS_URL): CorpusExample[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ZCorpusExampleSchema.parse(JSON.parse(line)));
}

/** One example in five, chosen by its id: the part of the corpus training never sees. */
export function isHeldOut(id: string): boolean {
  return hashFeature(`split:${id}`) % 5 === 0;
}

export function splitCorpus(corpus: readonly CorpusExample[]) {
  return {
    training: corpus.filter((e) => !isHeldOut(e.id)),
    heldOut: corpus.filter((e) => isHeldOut(e.id)),
  };
}

export interface ClassMetrics {
  accuracy: number;
  macroF1: number;
  /** Share of held-out examples that got a suggestion (the rest were "low confidence"). */
  coverage: number;
}

export interface TriageMetrics {
  heldOut: number;
  kind: ClassMetrics;
  unit: ClassMetrics;
  urgency: { precision: number; recall: number };
  duplicates: { precision: number; recall: number; pairs: number };
}

/**
 * Figures on the held-out examples. Accuracy counts a "low confidence" answer as wrong. For
 * duplicates every held-out example is compared with every other corpus example (the open cases);
 * a found pair is right when both tell the same incident.
 */
export function evaluateTriage(
  model: TriageModel,
  heldOut: readonly CorpusExample[],
  pool: readonly CorpusExample[],
  settings: TriageSettings = DEFAULT_TRIAGE_SETTINGS,
): TriageMetrics {
  const kinds: [string, string | null][] = [];
  const units: [string, string | null][] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let dupFound = 0;
  let dupRight = 0;
  let dupExpected = 0;
  let dupRecalled = 0;
  const index = buildDuplicateIndex(
    model,
    pool.map((e) => ({ caseId: e.id, code: e.id, text: e.text })),
  );
  const poolIds = pool.map((e) => e.id);
  for (const e of heldOut) {
    const others = poolIds.filter((id) => id !== e.id);
    const s = suggestTriage(model, e.text, index, settings, others);
    kinds.push([e.kind, s.kind.value]);
    units.push([e.unit, s.unit.value]);
    const urgent = s.urgency.value === 'urgent';
    if (urgent && e.urgency === 'urgent') tp++;
    else if (urgent) fp++;
    else if (e.urgency === 'urgent') fn++;
    const twins = pool.filter(
      (o) => o.id !== e.id && e.duplicateGroup && o.duplicateGroup === e.duplicateGroup,
    );
    dupExpected += twins.length;
    for (const d of s.duplicates) {
      dupFound++;
      if (twins.some((t) => t.id === d.caseId)) {
        dupRight++;
        dupRecalled++;
      }
    }
  }
  return {
    heldOut: heldOut.length,
    kind: classMetrics(kinds),
    unit: classMetrics(units),
    urgency: { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) },
    duplicates: {
      precision: ratio(dupRight, dupFound),
      recall: ratio(dupRecalled, dupExpected),
      pairs: dupExpected,
    },
  };
}

function classMetrics(pairs: readonly [string, string | null][]): ClassMetrics {
  const labels = [...new Set(pairs.map(([truth]) => truth))];
  const f1s = labels.map((label) => {
    const tp = pairs.filter(([t, p]) => t === label && p === label).length;
    const fp = pairs.filter(([t, p]) => t !== label && p === label).length;
    const fn = pairs.filter(([t, p]) => t === label && p !== label).length;
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  });
  return {
    accuracy: ratio(pairs.filter(([t, p]) => t === p).length, pairs.length),
    macroF1: f1s.reduce((a, b) => a + b, 0) / (f1s.length || 1),
    coverage: ratio(pairs.filter(([, p]) => p !== null).length, pairs.length),
  };
}

const ratio = (a: number, b: number) => (b ? a / b : 0);
