// The model in force for this process: the newest one in the database (trained by
// `langnghe triage:train`), or, before any training, the one the shipped corpus makes (decision
// 0031), stored by the build (decision 0116). Checked again at most once a minute, so a new
// training is picked up by running workers without a restart.
import type { AppContext } from '../app-context.js';
import { shippedModel } from './shipped-triage-model.js';
import { loadTriageModel, type TriageModel } from './triage-model.js';
import { findLatestTriageModel } from './triage.repository.js';

const RECHECK_MS = 60_000;
let current: { id: string | null; model: TriageModel; checkedAt: number } | null = null;
let shipped: { model: TriageModel; trained: boolean } | null = null;

/** The model trained on the shipped corpus's training part; the same in every process. */
export function shippedTriageModel(): TriageModel {
  shipped ??= shippedModel();
  return shipped.model;
}

/**
 * Where the model in force came from, for the worker's start-up line: a training in the database
 * (its id), or the shipped corpus's, read as the build stored it or trained here (decision 0116).
 * Null before the first `triageModelInForce`.
 */
export function triageModelOrigin(): string | null {
  if (!current) return null;
  if (current.id) return `database ${current.id}`;
  return shipped?.trained ? 'shipped, trained at start' : 'shipped, stored by the build';
}

export async function triageModelInForce(ctx: AppContext): Promise<TriageModel> {
  const now = ctx.clock.now().getTime();
  if (current && now - current.checkedAt < RECHECK_MS) return current.model;
  const latest = await findLatestTriageModel(ctx.db.prisma);
  if (latest && latest.id === current?.id) {
    current.checkedAt = now;
  } else if (latest) {
    current = { id: latest.id, model: loadTriageModel(latest.stored), checkedAt: now };
  } else {
    current = { id: null, model: shippedTriageModel(), checkedAt: now };
  }
  return current.model;
}

/** Forget the cached model (after a training in this process, and in tests). */
export function forgetTriageModel(): void {
  current = null;
}
