// Suggestions for a new case, computed by the intake worker after the case is built and routed and
// before its card is posted; stored once per case (a retried job keeps the first). The local model
// always runs (duplicates come from it); when TRIAGE_LLM_URL is set, the language model's kind,
// unit and urgency are used if it answers in time with valid JSON. Only redacted text leaves.
import type { AppContext } from '../app-context.js';
import { openCaseIdsOf } from '../cases/open-case-ids.js';
import { redactText } from '../cases/redaction.js';
import { directoryCache } from '../directory/directory-cache.js';
import { listUnitsOfOrganization } from '../routing/routing.repository.js';
import { askLanguageModel } from './language-model-triage.js';
import { triageModelInForce } from './triage-model-store.js';
import { KeptDuplicateIndexes } from './kept-duplicate-indexes.js';
import {
  duplicateEntryOf,
  suggestTriage,
  unitRole,
  type DuplicateIndex,
  type TriageModel,
  type TriageSettings,
} from './triage-model.js';
import {
  findCaseToSuggestFor,
  findCaseTextsForDuplicates,
  saveTriageSuggestion,
  type NewTriageSuggestion,
} from './triage.repository.js';

export function triageSettingsOf(ctx: AppContext): TriageSettings {
  const t = ctx.config.triage;
  return {
    minConfidence: t.minConfidence,
    urgentThreshold: t.urgentThreshold,
    duplicateThreshold: t.duplicateThreshold,
    maxDuplicates: 3,
  };
}

/**
 * The text triage reads: what the sender described and where, redacted, so no name or phone can
 * become an explanation word or a "shared" word on a card, and none reaches a language model.
 */
export const triageText = (c: { description: string; place: string | null }) =>
  redactText(c.place ? `${c.description}\n${c.place}` : c.description);

/**
 * The triage text of a case the intake job holds, redacted once: the job keeps the case for the
 * duplicate search as it is made (0111) and triages it a few steps later, from the same row.
 */
const textOfCaseInHand = new WeakMap<CaseJustMade, string>();
function triageTextInHand(c: CaseJustMade): string {
  let text = textOfCaseInHand.get(c);
  if (text === undefined) textOfCaseInHand.set(c, (text = triageText(c)));
  return text;
}

// Each open case's word vector, per model, kept between cases (decision 0094), one index per
// organisation (decision 0096). A new case is compared with up to 2,000 open ones; redacting and
// weighing all their texts again for every new case made the worker slower the more cases were
// open (4 cases/s with 2,000 open on bench:intake, issue 17), and so did reading all those texts
// again (decision 0070). A case's code, description and place are written once, at intake, and
// never changed, so an entry stays valid for as long as its case exists: only the ids are read
// each time, and the texts of the cases not kept yet.
const keptByModel = new WeakMap<TriageModel, KeptDuplicateIndexes>();
const MAX_KEPT_VECTORS = 20_000;

function keptIndexesOf(model: TriageModel): KeptDuplicateIndexes {
  let kept = keptByModel.get(model);
  if (!kept) keptByModel.set(model, (kept = new KeptDuplicateIndexes(MAX_KEPT_VECTORS)));
  return kept;
}

/**
 * The organisation's kept index, with every one of `openIds` in it that still exists (its text read
 * if need be), and their slots in it, in the order of `openIds`: each id looked up once (0102).
 */
async function duplicateIndexOf(
  ctx: AppContext,
  model: TriageModel,
  organizationId: string,
  openIds: readonly string[],
): Promise<{ index: DuplicateIndex; candidates: Int32Array }> {
  const kept = keptIndexesOf(model);
  const index = kept.forSearch(organizationId, openIds);
  let candidates = index.slotsOf(openIds);
  let missing = openIds.filter((_, i) => candidates[i] === -1);
  // Room made before the reads, never during them: every open case is in the index for this search.
  if (kept.makeRoom(organizationId, missing.length)) missing = [...openIds];
  if (missing.length > 0) {
    const rows = await findCaseTextsForDuplicates(ctx.db.prisma, missing);
    for (const c of rows)
      index.add(duplicateEntryOf(model, { caseId: c.id, code: c.code, text: triageText(c) }));
    candidates = index.slotsOf(openIds);
  }
  return { index, candidates };
}

/**
 * A case this process has just made goes into its organisation's kept index at once, before it is
 * routed (decision 0111): the jobs running beside its own then find it there instead of reading its
 * text, as they did for about half the cases of a steady load. Its own triage finds it kept and
 * adds nothing; the vector is the one that triage would keep. Never holds up the case.
 */
export async function keepCaseMadeHere(ctx: AppContext, made: CaseJustMade): Promise<void> {
  try {
    const model = await triageModelInForce(ctx);
    keptIndexesOf(model).keep(made.organizationId, made.id, () =>
      duplicateEntryOf(model, { caseId: made.id, code: made.code, text: triageTextInHand(made) }),
    );
  } catch (err) {
    ctx.logger.warn(
      { caseId: made.id, err: err instanceof Error ? err.name : 'unknown' },
      'case not kept for triage',
    );
  }
}

/**
 * A case its caller made in this very run (the intake job, decision 0084): it has no suggestion yet,
 * so nothing is read to find that out.
 */
export type CaseJustMade = Omit<
  NonNullable<Awaited<ReturnType<typeof findCaseToSuggestFor>>>,
  'triageSuggestion'
>;

export async function suggestCaseTriage(
  ctx: AppContext,
  caseId: string,
  justMade?: CaseJustMade,
): Promise<NewTriageSuggestion | null> {
  const found = justMade
    ? { ...justMade, triageSuggestion: null }
    : await findCaseToSuggestFor(ctx.db.prisma, caseId);
  // A placeholder for an unreadable submission (decision 0026) holds our notice, not the sender's words.
  if (!found || found.triageSuggestion || found.intakeFailureReason) return null;
  const model = await triageModelInForce(ctx);
  const settings = triageSettingsOf(ctx);
  // From this process's list, read again at most once per DIRECTORY_CACHE_CHECK_MS (decision 0114).
  const openIds = await openCaseIdsOf(ctx).list(found.organizationId, found.id);
  const { index, candidates } = await duplicateIndexOf(ctx, model, found.organizationId, openIds);
  const text = justMade ? triageTextInHand(justMade) : triageText(found);
  const local = suggestTriage(model, text, index, settings, candidates);
  // The case is open too: the next new case compares with it, without reading its text back
  // (decision 0089). Its intake job (0111) or another job's search may have kept it already.
  keptIndexesOf(model).keep(found.organizationId, found.id, () => ({
    caseId: found.id,
    code: found.code,
    weights: local.weights,
  }));
  // The organisation's units change rarely: from memory, as routing reads them (decision 0041).
  const units = await directoryCache(ctx).read(`units-of-organization:${found.organizationId}`, () =>
    listUnitsOfOrganization(ctx.db.prisma, found.organizationId),
  );
  const unitFor = (role: string | null) =>
    role ? (units.find((u) => unitRole(u.code) === role)?.id ?? null) : null;

  let suggestion: NewTriageSuggestion = {
    caseId,
    source: 'local',
    kind: local.kind.value,
    kindConfidence: local.kind.confidence,
    unitRole: local.unit.value,
    unitId: unitFor(local.unit.value),
    unitConfidence: local.unit.confidence,
    urgency: local.urgency.value,
    urgencyConfidence: local.urgency.confidence,
    because: { kind: local.kind.because, unit: local.unit.because, urgency: local.urgency.because },
    duplicates: local.duplicates,
  };
  const llm = ctx.config.triage.llm;
  if (llm) {
    const outcome = await askLanguageModel(
      llm,
      text,
      units.map((u) => ({ role: unitRole(u.code), name: u.name })),
      ctx.logger,
    );
    if (outcome.ok) {
      const a = outcome.answer;
      const sure = a.confidence >= settings.minConfidence;
      suggestion = {
        ...suggestion,
        source: 'llm',
        kind: sure ? a.kind : null,
        kindConfidence: a.confidence,
        unitRole: sure ? a.unit : null,
        unitId: sure ? unitFor(a.unit) : null,
        unitConfidence: a.confidence,
        urgency: a.urgency,
        urgencyConfidence: a.confidence,
        because: { kind: a.because, unit: a.because, urgency: a.because },
      };
    }
  }
  await saveTriageSuggestion(ctx.db.prisma, suggestion);
  ctx.logger.info(
    {
      caseId,
      source: suggestion.source,
      kind: suggestion.kind,
      unitRole: suggestion.unitRole,
      duplicates: suggestion.duplicates.length,
    },
    'triage suggestion stored',
  );
  return suggestion;
}

/** Triage never holds up a case: a failure is logged and the card is posted without suggestions. */
export async function suggestCaseTriageSafely(
  ctx: AppContext,
  caseId: string,
  justMade?: CaseJustMade,
): Promise<NewTriageSuggestion | null> {
  try {
    return await suggestCaseTriage(ctx, caseId, justMade);
  } catch (err) {
    ctx.logger.warn({ caseId, err: err instanceof Error ? err.name : 'unknown' }, 'triage suggestion failed');
    return null;
  }
}
