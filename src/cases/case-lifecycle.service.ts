// Applies one action to one case: the transition table decides, then the case row, its audit
// event and its clocks change in one transaction (one statement when no clock changes, decision
// 0099). An illegal move changes nothing and says why.
import type { AppContext } from '../app-context.js';
import type { EventFacts } from './run-case-effects.js';
import { AppError } from '../core/app-error.js';
import type { Prisma } from '../db/generated/client.js';
import { fromDbDate, parseLocalDate, toDbDate, toVietnamDate } from '../calendar/local-date.js';
import { isDeadlineError } from '../deadlines/deadline-error.js';
import { batchClockWritesWithClocks, listClocks } from '../deadlines/clock.repository.js';
import { dueOnInForceAt } from '../deadlines/governing-clock.js';
import {
  extendClocks,
  deadlineSettingsOf,
  pauseClocks,
  recomputeClocksForKind,
  resumeClocks,
  startClocks,
  stopClocks,
  type DeadlineSettings,
} from '../deadlines/deadline.service.js';
import { directoryCache } from '../directory/directory-cache.js';
import { scheduleCaseMilestonesSafely } from '../deadlines/schedule-milestones.js';
import {
  appendCaseEvent,
  newCaseEventId,
  setAnsweredDueOn,
  updateCaseAtVersion,
  updateCaseAtVersionWithEvent,
  type CaseColumnChanges,
  type CaseEventInput,
  type Tx,
} from './case.repository.js';
import {
  changesClocks,
  isTransactionEffect,
  unhandledEffect,
  type AfterCommitEffect,
} from './case-effects.js';
import { enqueueCaseEffectsSafely } from './case-effects.queue.js';
import { openCaseIdsOf } from './open-case-ids.js';
import {
  planTransition,
  type CaseAction,
  type CaseEffect,
  type TransitionParams,
  type TransitionPlan,
} from './case-transitions.js';
import { CASE_KIND_LABELS, isOpenStatus, type Actor, type CaseStatus } from './case-vocabulary.js';

export type CaseActor =
  | { type: 'staff'; staffId: string; role: Exclude<Actor, 'system' | 'sender'> }
  | { type: 'sender' }
  | { type: 'system' };

export interface ApplyCaseActionInput {
  caseId: string;
  action: CaseAction;
  actor: CaseActor;
  params?: TransitionParams;
  /**
   * Apply only if the case is still at this version (optimistic concurrency across a read the
   * caller made earlier); otherwise AppError 'conflict' and nothing changes.
   */
  expectedVersion?: number;
  /**
   * The case row as the caller just read or wrote it (same id), to save reading it again; the
   * move's own write is still guarded by its version.
   */
  current?: CaseRow;
  /**
   * After-commit effects the caller carries out itself, so the event's job leaves them out: the
   * intake worker posts a new case's cards after routing and triage, and retries until it has.
   */
  effectsByCaller?: readonly AfterCommitEffect['type'][];
  /**
   * The caller runs the event's after-commit effects itself once this returns (runCaseEffects with
   * `eventId`), inside a job of its own: no `cases.run-effects` job is queued (decision 0085). The
   * event still records its effects as pending until they have run, so the recovery sweep queues
   * them if the caller never gets there.
   */
  callerRunsEffects?: boolean;
}

export interface ApplyCaseActionResult {
  caseId: string;
  eventId: string;
  from: CaseStatus;
  to: CaseStatus;
  /** Every effect of the move; those after the commit run from the `cases.run-effects` job. */
  effects: readonly CaseEffect[];
  /** The move's event as written, for a caller that runs its effects itself (`callerRunsEffects`). */
  event: EventFacts;
  /**
   * The case as the move left it, when the move was one statement (decision 0099): the row it
   * started from (at the version the write was guarded by) with the move's columns, version and
   * update time, for a caller that goes on with it (the intake job's cards) without reading it.
   */
  caseRow?: CaseRow;
}

const roleOf = (actor: CaseActor): Actor => (actor.type === 'staff' ? actor.role : actor.type);

/** How many times a move that pinned no version is re-read and re-planned after a concurrent move. */
const UNPINNED_CONFLICT_RETRIES = 3;

const isConflict = (err: unknown) => err instanceof AppError && err.code === 'conflict';

/**
 * Applies `input.action`. A caller that pinned no version (a command, a form, a job) means the case
 * as it is now: when another move (the intake worker routing a case just made, say) lands between
 * this move's read and its write, the move reads the case again and is planned again, so the
 * transition rules still decide; a caller that pinned a version is refused with 'conflict'.
 */
export async function applyCaseAction(
  ctx: AppContext,
  input: ApplyCaseActionInput,
): Promise<ApplyCaseActionResult> {
  const retries = input.expectedVersion === undefined ? UNPINNED_CONFLICT_RETRIES : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await applyCaseActionOnce(ctx, attempt === 0 ? input : { ...input, current: undefined });
    } catch (err) {
      if (!isConflict(err) || attempt >= retries) throw err;
    }
  }
}

async function applyCaseActionOnce(
  ctx: AppContext,
  input: ApplyCaseActionInput,
): Promise<ApplyCaseActionResult> {
  const now = ctx.clock.now();
  const { prisma } = ctx.db;
  const current =
    input.current?.id === input.caseId
      ? input.current
      : await prisma.case.findUnique({ where: { id: input.caseId } });
  if (!current) throw new AppError('not_found', 'Không tìm thấy hồ sơ.');
  if (input.expectedVersion !== undefined && current.version !== input.expectedVersion) throw conflict();

  const params = input.params ?? {};
  const plan = planTransition(current, input.action, roleOf(input.actor), params, {
    today: toVietnamDate(now),
  });
  if (!plan.ok)
    throw new AppError('illegal_transition', plan.message, {
      reason: plan.code,
      ...(plan.param ? { param: plan.param } : {}),
    });
  await checkReferences(ctx, current.organizationId, current.id, params);

  const afterCommit = plan.effects.filter(
    (e): e is AfterCommitEffect => !isTransactionEffect(e) && !input.effectsByCaller?.includes(e.type),
  );
  const stamps = answerStampsOf(plan, now);
  const changes = caseChangesOf(plan, input.action, stamps, now);
  const answeredAt = answerInstantSetBy(current, stamps, input.action);
  const actorStaffId = input.actor.type === 'staff' ? input.actor.staffId : null;
  // The event as the move writes it; `data` gains what the clocks did, when they did anything.
  const eventOf = (clockData: Record<string, unknown>) => {
    const data = {
      ...plan.event.data,
      ...clockData,
      ...(afterCommit.length ? { effects: afterCommit } : {}),
    };
    return {
      input: {
        action: plan.event.action,
        fromStatus: plan.event.from,
        toStatus: plan.event.to,
        actorType: plan.event.actorType,
        actorStaffId,
        actorRole: plan.event.actorRole,
        reason: plan.event.reason,
        data: data as Prisma.InputJsonValue,
        at: now,
        effectsPending: afterCommit.length > 0,
      },
      // The event as it is stored (its data through JSON), for a caller that runs its effects.
      facts: (eventId: string): EventFacts => ({
        caseId: current.id,
        eventId,
        action: plan.event.action,
        reason: plan.event.reason ?? null,
        actorStaffId,
        actorType: plan.event.actorType,
        data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
      }),
    };
  };
  const writeInTransaction = async (): Promise<EventFacts> => {
    const settings = await deadlineSettingsOf(ctx, current.organizationId);
    return prisma.$transaction(async (tx) => {
      const caseRow = await updateCaseAtVersion(tx, current.id, current.version, changes);
      if (!caseRow) throw conflict();
      const after = { ...current, kind: plan.changes.kind ?? current.kind };
      // One refresh of the governing deadline for all the clocks the move writes.
      const { result: clockData, clocksOf } = await batchClockWritesWithClocks(tx, () =>
        applyTransactionEffects(tx, settings, after, plan, now, params),
      );
      // Answered by this move: keep the due date in force at the answer (the clocks as the move
      // left them, as a report would read them), so reports need not join the clocks.
      if (answeredAt) {
        const clocks = (clocksOf(caseRow.id) ?? (await listClocks(tx, caseRow.id))).map((k) => ({
          kind: k.kind,
          startedOn: fromDbDate(k.startedOn),
          dueOn: fromDbDate(k.dueOn),
          stoppedAt: k.stoppedAt,
        }));
        const dueOn = dueOnInForceAt(clocks, answeredAt);
        await setAnsweredDueOn(tx, caseRow.id, dueOn === null ? null : toDbDate(dueOn));
      }
      const event = eventOf(clockData);
      const { id } = await appendCaseEvent(tx, { ...event.input, caseId: caseRow.id, caseRow });
      return event.facts(id);
    });
  };
  let written: EventFacts;
  let caseRow: CaseRow | undefined;
  try {
    if (writesOnlyTheCase(plan, answeredAt)) {
      const move = await writeCaseAndEvent(ctx, current, changes, eventOf({}));
      written = move.event;
      caseRow = move.caseRow;
    } else written = await writeInTransaction();
  } catch (err) {
    if (isDeadlineError(err)) throw new AppError('unprocessable', err.message);
    throw err;
  }

  // Into or out of the open statuses: this process's next new case compares with the open cases
  // as they are now (decision 0114).
  if (isOpenStatus(plan.from) !== isOpenStatus(plan.to)) openCaseIdsOf(ctx).changed(current.organizationId);
  const eventId = written.eventId;
  const result = {
    caseId: current.id,
    eventId,
    event: written,
    from: plan.from,
    to: plan.to,
    effects: plan.effects,
    ...(caseRow && { caseRow }),
  };
  // The clocks changed in the transaction; their reminders follow (a failure is left to the sweep).
  if (changesClocks(plan.effects)) await scheduleCaseMilestonesSafely(ctx, current.id);
  // Notices, cards, letters and the auto-close timer: a job keyed by the event, so a crash between
  // the commit and here loses nothing (the recovery sweep finds the event) and repeats nothing.
  if (afterCommit.length && !input.callerRunsEffects) await enqueueCaseEffectsSafely(ctx, eventId);
  return result;
}

const conflict = () =>
  new AppError('conflict', 'Hồ sơ vừa được người khác cập nhật. Vui lòng xem lại và thử lại.');

/** The case columns a move sets (its plan's changes, its answer stamps, a reopening's clearing). */
function caseChangesOf(
  plan: TransitionPlan,
  action: CaseAction,
  stamps: { resolvedAt?: Date; closedAt?: Date },
  now: Date,
): CaseColumnChanges {
  const c = plan.changes;
  return {
    ...(c.status !== undefined && { status: c.status }),
    ...(c.kind !== undefined && { kind: c.kind }),
    ...(c.paused !== undefined && { paused: c.paused }),
    ...(c.forwardCount !== undefined && { forwardCount: c.forwardCount }),
    ...(c.duplicateOfId !== undefined && { duplicateOfId: c.duplicateOfId }),
    ...(c.unitId !== undefined && { unitId: c.unitId }),
    ...(c.assigneeId !== undefined && { assigneeId: c.assigneeId }),
    ...(c.outcome !== undefined && { outcome: c.outcome }),
    ...(c.answer !== undefined && { answer: c.answer }),
    ...(c.petitionReceivedOn !== undefined && {
      petitionReceivedOn: toDbDate(parseLocalDate(c.petitionReceivedOn)),
    }),
    ...(c.acceptedNow && { acceptedAt: now }),
    ...(c.petitionDateCorrectedNow && { petitionDateCorrectedAt: now }),
    ...stamps,
    ...(action === 'reopen' && {
      resolvedAt: null,
      closedAt: null,
      outcome: null,
      answeredDueOn: null,
    }),
  };
}

/**
 * Whether the move writes the case row and its event and nothing else (decision 0099): no effect
 * inside the transaction, no clocks to stop on leaving the open statuses, no answer instant to
 * date. Such a move is one statement; any other is a transaction (applyTransactionEffects).
 */
function writesOnlyTheCase(plan: TransitionPlan, answeredAt: Date | null): boolean {
  return !plan.effects.some(isTransactionEffect) && isOpenStatus(plan.to) && answeredAt === null;
}

/** A move that writes only the case and its event, in one statement (decision 0099). */
async function writeCaseAndEvent(
  ctx: AppContext,
  current: CaseRow,
  changes: CaseColumnChanges,
  event: { input: Omit<CaseEventInput, 'caseId' | 'caseRow'>; facts: (eventId: string) => EventFacts },
): Promise<{ event: EventFacts; caseRow: CaseRow }> {
  const id = newCaseEventId();
  const after = { ...current, ...changes };
  const written = await updateCaseAtVersionWithEvent(ctx.db.prisma, current, changes, {
    ...event.input,
    id,
    caseRow: after,
  });
  if (!written) throw conflict();
  return { event: event.facts(id), caseRow: { ...after, ...written } };
}

/** The answer times this move stamps: resolvedAt when it resolves, closedAt when it closes. */
function answerStampsOf(plan: TransitionPlan, now: Date): { resolvedAt?: Date; closedAt?: Date } {
  return {
    ...(plan.to === 'resolved' && plan.from !== 'resolved' && { resolvedAt: now }),
    ...(plan.to === 'closed' && { closedAt: now }),
  };
}

/**
 * The instant this move makes the case's answer (resolvedAt, or closedAt when it closes without
 * having been resolved), or null when the answer instant does not change.
 */
function answerInstantSetBy(
  current: { resolvedAt: Date | null; closedAt: Date | null },
  stamps: { resolvedAt?: Date; closedAt?: Date },
  action: CaseAction,
): Date | null {
  if (action === 'reopen') return null;
  const after = stamps.resolvedAt ?? current.resolvedAt ?? stamps.closedAt ?? current.closedAt;
  const before = current.resolvedAt ?? current.closedAt;
  return after && after.getTime() !== before?.getTime() ? after : null;
}

type CaseRow = NonNullable<Awaited<ReturnType<AppContext['db']['prisma']['case']['findUnique']>>>;

/** Runs the effects that change the case's own rows, in its transaction; returns audit data. */
async function applyTransactionEffects(
  tx: Tx,
  settings: DeadlineSettings,
  subject: CaseRow,
  plan: TransitionPlan,
  now: Date,
  params: TransitionParams,
): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  const today = toVietnamDate(now);
  for (const effect of plan.effects) {
    if (!isTransactionEffect(effect)) continue;
    switch (effect.type) {
      case 'start_clocks': {
        const startedOn = effect.startedOn ? parseLocalDate(effect.startedOn) : today;
        data.clocksStarted = await startClocks(tx, settings, subject, effect.trigger, startedOn, now);
        break;
      }
      case 'pause_clocks':
        data.clocksPaused = await pauseClocks(tx, settings, subject.id, now, params.reason);
        break;
      case 'resume_clocks':
        data.clocksResumed = await resumeClocks(tx, settings, subject.id, now);
        break;
      case 'extend_clocks':
        data.clockExtended = await extendClocks(
          tx,
          settings,
          subject.id,
          {
            ...(effect.clockKind && { clockKind: effect.clockKind }),
            ...(effect.days !== undefined && { days: effect.days }),
            reason: params.reason ?? '',
          },
          now,
        );
        break;
      case 'stop_clocks':
        await stopClocks(tx, settings, subject.id, now);
        break;
      case 'recompute_clocks': {
        const changed = await recomputeClocksForKind(
          tx,
          settings,
          subject,
          {
            petitionReceivedOn: subject.petitionReceivedOn ? fromDbDate(subject.petitionReceivedOn) : null,
            acceptedOn: subject.acceptedAt ? toVietnamDate(subject.acceptedAt) : null,
            open: isOpenStatus(plan.to),
          },
          now,
        );
        // The audit event says which limits stopped or started and why.
        data.clocksStopped = changed.stopped;
        data.clocksStarted = changed.started;
        if (changed.stopped.length || changed.started.length) {
          data.clockChangeReason = `Đổi loại hồ sơ từ ${CASE_KIND_LABELS[effect.fromKind].vi} sang ${CASE_KIND_LABELS[effect.toKind].vi}: thời hạn áp dụng theo loại mới.`;
        }
        break;
      }
      default:
        unhandledEffect(effect);
    }
  }
  // Whatever the table says, a case that leaves the open statuses owes no more work.
  if (!isOpenStatus(plan.to) && !plan.effects.some((e) => e.type === 'stop_clocks'))
    await stopClocks(tx, settings, subject.id, now);
  return data;
}

/** Ids named in the parameters must belong to the same organisation. */
async function checkReferences(
  ctx: AppContext,
  organizationId: string,
  caseId: string,
  params: TransitionParams,
) {
  const { prisma } = ctx.db;
  if (params.masterCaseId) {
    const master = await prisma.case.findUnique({
      where: { id: params.masterCaseId },
      select: { organizationId: true, status: true, id: true },
    });
    if (!master || master.organizationId !== organizationId || master.id === caseId) {
      throw new AppError('unprocessable', 'Không tìm thấy hồ sơ chính để gộp trong cùng đơn vị.');
    }
    if (master.status === 'merged')
      throw new AppError('unprocessable', 'Hồ sơ chính đã được gộp vào hồ sơ khác; hãy gộp vào hồ sơ gốc.');
  }
  if (params.unitId) {
    // Which organisation a unit belongs to changes never in practice: from memory (decision 0041).
    const unitId = params.unitId;
    const unit = await directoryCache(ctx).read(`unit-organization:${unitId}`, () =>
      prisma.unit.findUnique({ where: { id: unitId }, select: { organizationId: true } }),
    );
    if (!unit || unit.organizationId !== organizationId)
      throw new AppError('unprocessable', 'Khoa/phòng không thuộc đơn vị này.');
  }
  if (params.assigneeId) {
    const staff = await prisma.staff.findUnique({
      where: { id: params.assigneeId },
      select: { organizationId: true, active: true },
    });
    if (!staff || staff.organizationId !== organizationId || !staff.active)
      throw new AppError('unprocessable', 'Cán bộ được giao không thuộc đơn vị này.');
  }
}
