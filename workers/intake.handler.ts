// Thin: the payload was validated by the worker host. Makes the case, routes it (unit, urgency),
// stores the triage suggestions (src/triage), then posts its card to the officers. Each step is
// idempotent, so a retried job ends the same.
// A submission that cannot become a case is marked failed and becomes a placeholder case that
// goes the same way to the receiving office (decisions 0019, 0026).
import type { AppContext } from '../src/app-context.js';
import { runCaseEffectsOrQueue } from '../src/cases/run-case-effects.js';
import { scheduleCaseMilestonesSafely } from '../src/deadlines/schedule-milestones.js';
import { processSubmission, type MadeCase } from '../src/intake/process-submission.js';
import { recordSubmissionFailure } from '../src/intake/record-submission-failure.js';
import type { SenderNoticeInHand } from '../src/cases/notify-case-sender.js';
import {
  postCaseCards,
  unitAndOrganizationOf,
  type PostCardsOptions,
} from '../src/officer/post-case-cards.js';
import type { JobHandler } from '../src/queue/worker-host.js';
import { routeCase, type RouteCaseResult } from '../src/routing/route-case.js';
import { keepCaseMadeHere, suggestCaseTriageSafely } from '../src/triage/suggest-case-triage.js';
import type { NewTriageSuggestion } from '../src/triage/triage.repository.js';

export const createIntakeHandler =
  (ctx: AppContext): JobHandler<'intake.process-submission'> =>
  async ({ submissionId }) => {
    let processed;
    try {
      processed = await processSubmission(ctx, submissionId);
    } catch (err) {
      const failure = await recordSubmissionFailure(ctx, submissionId, err);
      if (!failure?.caseId) throw err;
      processed = { caseId: failure.caseId, created: failure.created, intakeFailureReason: failure.reason };
    }
    // A case made by this run is in hand with its clocks; one made before is read (0084).
    const { made, ...outcome } = processed;
    // Before anything else is awaited: the jobs beside this one search among it (decision 0111).
    if (made) await keepCaseMadeHere(ctx, made.case);
    await scheduleCaseMilestonesSafely(ctx, processed.caseId, made);
    // The cards below are this job's, and so are the assignment's other effects (the sender's
    // notice): no effects job is queued for them (decisions 0074, 0085).
    const routing = await routeCase(ctx, processed.caseId, {
      callerPostsCards: true,
      callerRunsEffects: true,
      ...(made && { justMade: made.case }),
    });
    if (routing.status !== 'skipped') {
      // Suggestions first, so the card shows them; a failure never holds the card back.
      const suggestion = await suggestCaseTriageSafely(ctx, processed.caseId, made?.case);
      await postCaseCards(ctx, processed.caseId, cardsOfCaseInHand(made, routing.caseRow, suggestion));
    }
    // A retry that finds the case assigned has no event in hand: the recovery sweep queues the
    // effects of an assignment left pending (case-effects.queue.ts).
    if (routing.assignmentEvent) {
      const notice = await senderNoticeInHand(ctx, made, routing.caseRow);
      await runCaseEffectsOrQueue(ctx, routing.assignmentEvent, notice);
    }
    // The job's return value is kept in Redis: the case's id and how it came, nothing more.
    return outcome;
  };

/**
 * The sender notice's facts of a case this run made and assigned in one statement, so the notice
 * reads nothing back (decision 0115): the clocks are as the run made them (a move that touches
 * them is a transaction and hands back no case), the names come from memory as the card's do, and
 * a case made a moment ago has no duplicates merged into it yet. Nothing for a case made before.
 */
export async function senderNoticeInHand(
  ctx: AppContext,
  made: MadeCase | undefined,
  assigned: RouteCaseResult['caseRow'],
): Promise<SenderNoticeInHand | undefined> {
  if (!made || !assigned) return undefined;
  const { unit, organization } = await unitAndOrganizationOf(ctx, assigned);
  if (!organization) return undefined;
  return {
    row: {
      code: assigned.code,
      kind: assigned.kind,
      outcome: assigned.outcome,
      answer: assigned.answer,
      petitionReceivedOn: assigned.petitionReceivedOn,
      unitName: unit?.name ?? null,
      organizationName: organization.name,
      identity: made.sealedIdentity,
      followers: [],
    },
    clocks: made.clocks,
  };
}

/**
 * What the job hands the cards of a case it made in this run: its clocks, its suggestion and, when
 * the assignment was written in hand, the case as it left it (decisions 0084, 0099). Nothing for a
 * case made before: the cards read it.
 */
export function cardsOfCaseInHand(
  made: MadeCase | undefined,
  assigned: RouteCaseResult['caseRow'],
  suggestion: NewTriageSuggestion | null,
): PostCardsOptions {
  if (!made) return {};
  const row = assigned && { ...assigned, _count: { attachments: made.attachments } };
  return { justMade: { clocks: made.clocks, suggestion, ...(row && { case: row }) } };
}
