// The stored suggestion of a case as its card shows it (src/officer/triage-card.ts).
import type { AppContext } from '../app-context.js';
import { directoryCache } from '../directory/directory-cache.js';
import type { CardTriageFacts } from '../officer/triage-card.js';
import {
  findLatestTriageChoice,
  findTriageSuggestion,
  type NewTriageSuggestion,
} from './triage.repository.js';

export async function loadCardTriageFacts(
  ctx: AppContext,
  caseId: string,
): Promise<CardTriageFacts | undefined> {
  const [s, chosenUrgency] = await Promise.all([
    findTriageSuggestion(ctx.db.prisma, caseId),
    findLatestTriageChoice(ctx.db.prisma, caseId, 'urgency'),
  ]);
  return s ? cardTriageFactsOf(ctx, s, chosenUrgency) : undefined;
}

/** The facts of a suggestion in hand: stored, or just made by the caller (decision 0084). */
export async function cardTriageFactsOf(
  ctx: AppContext,
  s: Omit<NewTriageSuggestion, 'caseId' | 'unitRole' | 'source' | 'because' | 'duplicates'> & {
    source: string;
    because: unknown;
    duplicates: unknown;
  },
  chosenUrgency: string | null,
): Promise<CardTriageFacts> {
  // A unit's name changes rarely: from memory (decision 0041).
  const unitId = s.unitId;
  const unit = unitId
    ? await directoryCache(ctx).read(`unit-name:${unitId}`, () =>
        ctx.db.prisma.unit.findUnique({ where: { id: unitId }, select: { name: true } }),
      )
    : null;
  return {
    kind: s.kind,
    kindConfidence: s.kindConfidence,
    unitId: unit ? s.unitId : null,
    unitName: unit?.name ?? null,
    unitConfidence: s.unitConfidence,
    urgency: s.urgency,
    urgencyConfidence: s.urgencyConfidence,
    chosenUrgency: chosenUrgency === 'urgent' || chosenUrgency === 'normal' ? chosenUrgency : null,
    because: s.because as CardTriageFacts['because'],
    duplicates: s.duplicates as CardTriageFacts['duplicates'],
    source: s.source,
  };
}
