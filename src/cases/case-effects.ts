// The one place that says where each effect of a planned move is carried out. Effects on the
// case's own rows (its clocks) run inside the move's transaction; effects that reach people or
// other features (notices, cards, letters, the auto-close timer) run after the commit, from a job
// keyed by the case event id (run-case-effects.ts). Both switches are exhaustive: a new effect in
// case-transitions.ts that is not handled here does not compile.
import { z } from 'zod';
import type { CaseEffect } from './case-transitions.js';

type InTransactionType =
  'start_clocks' | 'stop_clocks' | 'pause_clocks' | 'resume_clocks' | 'extend_clocks' | 'recompute_clocks';

export type TransactionEffect = Extract<CaseEffect, { type: InTransactionType }>;
export type AfterCommitEffect = Exclude<CaseEffect, TransactionEffect>;

/** Thrown away at compile time: reaching it means a switch missed a case. */
export function unhandledEffect(effect: never): never {
  throw new Error(`Unhandled case effect: ${JSON.stringify(effect)}`);
}

export function isTransactionEffect(effect: CaseEffect): effect is TransactionEffect {
  switch (effect.type) {
    case 'start_clocks':
    case 'stop_clocks':
    case 'pause_clocks':
    case 'resume_clocks':
    case 'extend_clocks':
    case 'recompute_clocks':
      return true;
    case 'notify_sender':
    case 'notify_assignee':
    case 'send_forwarding_slip':
    case 'request_satisfaction':
    case 'schedule_auto_close':
    case 'draft_letter':
      return false;
    default:
      return unhandledEffect(effect);
  }
}

/** Whether the move changed a clock, so its reminders and escalations must be planned again. */
export function changesClocks(effects: readonly CaseEffect[]): boolean {
  return effects.some(isTransactionEffect);
}

/**
 * The after-commit effects as stored in the event's data (`effects`), read back by the job. The
 * schema is checked against the type, so the stored form cannot drift from the planner's.
 */
export const ZAfterCommitEffectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notify_sender'), notice: z.string() }),
  z.object({
    type: z.literal('notify_assignee'),
    unitId: z.string().optional(),
    assigneeId: z.string().optional(),
  }),
  z.object({ type: z.literal('send_forwarding_slip'), targetBody: z.string() }),
  z.object({ type: z.literal('request_satisfaction') }),
  z.object({ type: z.literal('schedule_auto_close') }),
  z.object({ type: z.literal('draft_letter'), letter: z.enum(['thank_you', 'apology']) }),
]);

type StoredEffect = z.infer<typeof ZAfterCommitEffectSchema>;
// Both directions must hold: every after-commit effect can be stored, and read back as one.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const storedMatchesPlanned: Same<StoredEffect['type'], AfterCommitEffect['type']> = true;
void storedMatchesPlanned;

export function readStoredEffects(data: unknown): AfterCommitEffect[] {
  const raw = (data as { effects?: unknown } | null)?.effects;
  const parsed = z.array(ZAfterCommitEffectSchema).safeParse(raw ?? []);
  return parsed.success ? (parsed.data as AfterCommitEffect[]) : [];
}
