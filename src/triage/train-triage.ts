// `langnghe triage:train`: a model from the shipped corpus's training part plus every case an
// officer answered a suggestion on (the final labels of that case, counted five times: a confirmed
// local example outweighs a generated one), measured on the corpus's held-out part and stored in the
// database, where workers pick it up within a minute (triage-model-store.ts).
import type { Db } from '../db/database.js';
import { ZCaseKindSchema } from '../cases/case-vocabulary.js';
import { evaluateTriage, readCorpus, splitCorpus, type TriageMetrics } from './triage-corpus.js';
import {
  storeTriageModel,
  trainTriageModel,
  unitRole,
  URGENCIES,
  type LabelledText,
  type TriageModel,
} from './triage-model.js';
import { triageText } from './suggest-case-triage.js';
import { findTriageChoicesForTraining, saveTriageModel } from './triage.repository.js';

/** How much one officer-confirmed case counts against one corpus example. */
export const OFFICER_CHOICE_WEIGHT = 5;

export async function officerExamples(db: Db): Promise<LabelledText[]> {
  const { choices, cases } = await findTriageChoicesForTraining(db);
  const byCase = new Map<string, LabelledText>();
  for (const c of choices) {
    const row = cases.get(c.caseId);
    if (!row) continue;
    const example = byCase.get(c.caseId) ?? {
      text: triageText(row),
      kind: row.kind,
      unit: row.unit ? unitRole(row.unit.code) : null,
      urgency: row.urgency,
      weight: OFFICER_CHOICE_WEIGHT,
    };
    if (c.field === 'kind') example.kind = ZCaseKindSchema.parse(c.chosen);
    if (c.field === 'unit') example.unit = c.chosen;
    if (c.field === 'urgency') example.urgency = URGENCIES.find((u) => u === c.chosen) ?? example.urgency;
    byCase.set(c.caseId, example);
  }
  return [...byCase.values()];
}

export async function trainAndStoreTriageModel(
  db: Db,
  now: Date,
): Promise<{
  id: string;
  model: TriageModel;
  metrics: TriageMetrics;
  corpus: number;
  officerChoices: number;
}> {
  const corpus = readCorpus();
  const { training, heldOut } = splitCorpus(corpus);
  const officers = await officerExamples(db);
  const model = trainTriageModel([...training, ...officers], now);
  const metrics = evaluateTriage(model, heldOut, corpus);
  const id = await saveTriageModel(db, storeTriageModel(model), {
    examples: training.length + officers.length,
    officerChoices: officers.length,
    metrics,
  });
  return { id, model, metrics, corpus: training.length, officerChoices: officers.length };
}
