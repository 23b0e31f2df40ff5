// Carries out the after-commit effects of one case event: the job `cases.run-effects` calls this,
// and so does a caller that runs its move's effects itself (the intake worker, decision 0085).
// Each effect is idempotent under the event id — notices and cards carry dedupe keys made of it,
// the auto-close job is keyed by it, letters are one per case and kind — so a retry after a crash
// repeats nothing, and the event is marked done only when all have run.
import type { AppContext } from '../app-context.js';
import { isAppError } from '../core/app-error.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { draftResolutionLetter } from '../letters/draft-resolution-letter.js';
import { issueForwardSlip } from '../letters/forward-slip.js';
import { findStaff } from '../directory/resolve-staff.js';
import { notifyAssignee } from '../officer/notify-assignee.js';
import { scheduleAutoClose } from './auto-close.js';
import { enqueueCaseEffectsSafely } from './case-effects.queue.js';
import { findCaseEventById, markCaseEventEffectsDone } from './case.repository.js';
import { readStoredEffects, unhandledEffect, type AfterCommitEffect } from './case-effects.js';
import type { CaseAction } from './case-transitions.js';
import { askSatisfaction, notifySenderOfMove, type SenderNoticeInHand } from './notify-case-sender.js';

export type RunEffectsResult = 'done' | 'already_done' | 'gone';

/** What the effects of a case event are run from: the event as stored, or as its move wrote it. */
export interface EventFacts {
  caseId: string;
  eventId: string;
  action: CaseAction;
  reason: string | null;
  actorStaffId: string | null;
  actorType: string;
  data: Record<string, unknown>;
}

/**
 * Runs the stored effects of the event, once. `written`: the event as the caller's move has just
 * written it (its effects not run yet), so it is not read back (decision 0092); `notice`: the
 * sender notice's facts, held by a caller that just made the case (0115).
 */
export async function runCaseEffects(
  ctx: AppContext,
  eventId: string,
  written?: EventFacts,
  notice?: SenderNoticeInHand,
): Promise<RunEffectsResult> {
  let facts: EventFacts;
  if (written?.eventId === eventId) facts = written;
  else {
    const event = await findCaseEventById(ctx.db.prisma, eventId);
    if (!event) return 'gone';
    if (event.effectsDoneAt) return 'already_done';
    facts = {
      caseId: event.caseId,
      eventId: event.id,
      action: event.action as CaseAction,
      reason: event.reason,
      actorStaffId: event.actorStaffId,
      actorType: event.actorType,
      data: (event.data ?? {}) as Record<string, unknown>,
    };
  }
  for (const effect of readStoredEffects(facts.data)) await runEffect(ctx, facts, effect, notice);
  await markCaseEventEffectsDone(ctx.db.prisma, eventId, ctx.clock.now());
  return 'done';
}

/**
 * For a caller that runs its move's effects itself (`callerRunsEffects`), with the event its move
 * wrote: runs them now; if they fail, queues the event's job, which reads the event and retries
 * them as it does any move's (decision 0085).
 */
export async function runCaseEffectsOrQueue(
  ctx: AppContext,
  written: EventFacts,
  notice?: SenderNoticeInHand,
): Promise<void> {
  try {
    await runCaseEffects(ctx, written.eventId, written, notice);
  } catch (err) {
    ctx.logger.warn(
      { err: { message: (err as Error).message }, eventId: written.eventId },
      'case effects failed here; queued as their job',
    );
    await enqueueCaseEffectsSafely(ctx, written.eventId);
  }
}

async function runEffect(
  ctx: AppContext,
  e: EventFacts,
  effect: AfterCommitEffect,
  notice: SenderNoticeInHand | undefined,
): Promise<void> {
  switch (effect.type) {
    case 'notify_sender':
      await notifySenderOfMove(ctx, {
        caseId: e.caseId,
        eventId: e.eventId,
        action: e.action,
        reason: e.reason,
        targetBody: typeof e.data.targetBody === 'string' ? e.data.targetBody : null,
        bySender: e.actorType === 'sender',
        ...(notice && { inHand: notice }),
      });
      return;
    case 'request_satisfaction':
      await askSatisfaction(ctx, e);
      return;
    case 'notify_assignee':
      await notifyAssignee(ctx, {
        caseId: e.caseId,
        eventId: e.eventId,
        action: e.action,
        ...(effect.unitId && { unitId: effect.unitId }),
        ...(effect.assigneeId && { assigneeId: effect.assigneeId }),
        byRouting: e.actorType === 'system',
      });
      return;
    case 'send_forwarding_slip':
      await sendForwardSlip(ctx, e, effect.targetBody);
      return;
    case 'schedule_auto_close':
      await scheduleAutoClose(ctx, { caseId: e.caseId, resolveEventId: e.eventId });
      return;
    case 'draft_letter':
      await draftResolutionLetter(ctx, {
        caseId: e.caseId,
        eventId: e.eventId,
        letter: effect.letter,
        staffId: e.actorStaffId,
      });
      return;
    default:
      unhandledEffect(effect);
  }
}

/** The phiếu chuyển đơn: signed at once by a leader, else drafted for the leaders; the result goes to the officer who forwarded. */
async function sendForwardSlip(ctx: AppContext, e: EventFacts, targetBody: string): Promise<void> {
  if (!e.actorStaffId) return;
  const answer = await refusalsLogged(ctx, e, 'forward slip', () =>
    issueForwardSlip(ctx, { caseId: e.caseId, staffId: e.actorStaffId!, targetBody, reason: e.reason }),
  );
  const staff = answer ? await findStaff(ctx, e.actorStaffId) : null;
  if (!answer || !staff?.telegramUserId) return;
  await enqueueNotification(ctx, {
    caseId: e.caseId,
    channel: 'telegram',
    recipient: { channel: 'telegram', conversationId: staff.telegramUserId },
    content: answer,
    dedupeKey: `case:${e.caseId}:event:${e.eventId}:forward-slip`,
  });
}

/**
 * A refusal of the feature (the letter exists already, the officer may not draft) is final: it is
 * logged and the other effects go on. Anything else is thrown, so the job retries.
 */
async function refusalsLogged<T>(
  ctx: AppContext,
  e: EventFacts,
  what: string,
  run: () => Promise<T>,
): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if (!isAppError(err) || err.retryable) throw err;
    ctx.logger.info({ caseId: e.caseId, eventId: e.eventId, code: err.code }, `${what} not made`);
    return null;
  }
}
