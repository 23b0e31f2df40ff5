// Fires one milestone of one clock, at most once per (clock, milestone, due date). The job that was
// scheduled for it and the sweep may both call this; so may a retry. Each call re-reads the clock
// and re-plans: a milestone that no longer applies (clock paused, extended, stopped, case closed,
// due date moved) is skipped. Messages go out first, deduplicated by key, then the audit event is
// written under a lock; a crash between the two leaves no event, so the sweep fires again and the
// dedupe keys keep the messages single.
import type { AppContext } from '../app-context.js';
import { fromDbDate, type LocalDate } from '../calendar/local-date.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { isOpenStatus, type CaseStatus } from '../cases/case-vocabulary.js';
import { redactedCaseView } from '../cases/redacted-case-view.js';
import { parseDeadlinePolicy, type DeadlinePolicy } from '../directory/organization-settings.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { deadlineSettingsOf, type DeadlineSettings } from './deadline.service.js';
import { buildMilestoneMessage } from './milestone-messages.js';
import { isMilestoneDue, planMilestones, type Milestone } from './milestone-plan.js';
import { resolveMilestoneRecipients } from './milestone-recipients.js';
import { findClockWithCase, firedKey, listFiredKeys, recordMilestoneOnce } from './milestone.repository.js';

export interface ApologyDueInput {
  caseId: string;
  clockId: string;
  dueOn: LocalDate;
}

/** Asks the head whether to send an apology with a new date (src/letters implements it). */
export type ApologyDueHandler = (ctx: AppContext, input: ApologyDueInput) => Promise<unknown>;

export interface MilestoneDeps {
  /** Without it, the head gets a plain reminder that an apology is due (no letter buttons). */
  onApologyDue?: ApologyDueHandler;
}

export interface MilestoneRef {
  clockId: string;
  milestone: string;
  dueOn: LocalDate;
}

/** Every outcome but 'gone' names the case: the job's handler schedules what comes next (0080). */
export type FireResult =
  | { status: 'fired'; caseId: string; recipients: number }
  | { status: 'already_fired'; caseId: string }
  | { status: 'skipped'; reason: 'gone' }
  | { status: 'skipped'; reason: 'early'; caseId: string; at: Date }
  | { status: 'skipped'; reason: 'not_running' | 'stale' | 'not_applicable' | 'lapsed'; caseId: string };

type ClockWithCase = NonNullable<Awaited<ReturnType<typeof findClockWithCase>>>;

/** What firing needs besides the clock; the sweep passes them in so an organisation is read once. */
export interface OrgDeadlineContext {
  settings: DeadlineSettings;
  policy: DeadlinePolicy;
}

export async function loadOrgDeadlineContext(
  ctx: AppContext,
  organizationId: string,
  rawSettings: unknown,
): Promise<OrgDeadlineContext> {
  const settings = await deadlineSettingsOf(ctx, organizationId);
  const { policy, invalidKeys } = parseDeadlinePolicy(rawSettings);
  if (invalidKeys.length)
    ctx.logger.warn({ organizationId, invalidKeys }, 'organisation deadline policy invalid; defaults used');
  return { settings, policy };
}

export function milestonesOfClock(row: ClockWithCase, org: OrgDeadlineContext): Milestone[] {
  if (!isOpenStatus(row.case.status as CaseStatus)) return [];
  // Reminders and escalations follow the governing clock only: while the law's clock runs (and may
  // have been extended), the unit's own earlier service target must not call anyone late.
  if (row.case.governingClockKind !== row.kind) return [];
  return planMilestones(
    {
      status: row.status,
      startedOn: fromDbDate(row.startedOn),
      dueOn: fromDbDate(row.dueOn),
      dueDateReset: row.dueResetOn !== null,
    },
    org.settings.calendar,
    org.policy,
  );
}

export async function fireMilestone(
  ctx: AppContext,
  deps: MilestoneDeps,
  ref: MilestoneRef,
  preloaded?: { row: ClockWithCase; org: OrgDeadlineContext },
): Promise<FireResult> {
  const now = ctx.clock.now();
  const row = preloaded?.row ?? (await findClockWithCase(ctx.db.prisma, ref.clockId));
  if (!row) return { status: 'skipped', reason: 'gone' };
  const { caseId } = row;
  if (row.status !== 'running' || !isOpenStatus(row.case.status as CaseStatus))
    return { status: 'skipped', reason: 'not_running', caseId };
  const dueOn = fromDbDate(row.dueOn);
  if (dueOn !== ref.dueOn) return { status: 'skipped', reason: 'stale', caseId };
  const org =
    preloaded?.org ??
    (await loadOrgDeadlineContext(ctx, row.case.organizationId, row.case.organization.settings));
  const milestone = milestonesOfClock(row, org).find((m) => m.name === ref.milestone);
  if (!milestone) return { status: 'skipped', reason: 'not_applicable', caseId };
  if (milestone.at.getTime() > now.getTime())
    return { status: 'skipped', reason: 'early', caseId, at: milestone.at };
  if (!isMilestoneDue(milestone, now)) return { status: 'skipped', reason: 'lapsed', caseId };

  const key = { clockKind: row.kind, milestone: milestone.name, dueOn };
  if ((await listFiredKeys(ctx.db.prisma, [caseId])).has(firedKey(caseId, key)))
    return { status: 'already_fired', caseId };

  let recipients = 0;
  if (milestone.action === 'apology' && deps.onApologyDue) {
    await deps.onApologyDue(ctx, { caseId, clockId: row.id, dueOn });
  } else {
    const { case: subject, scope } = await loadCaseWithScope(ctx, caseId);
    const unit = subject.unitId
      ? await ctx.db.prisma.unit.findUnique({ where: { id: subject.unitId }, select: { name: true } })
      : null;
    const content = buildMilestoneMessage(redactedCaseView(subject), {
      milestone,
      clockKind: row.kind,
      dueOn,
      unitName: unit?.name ?? null,
      assigned: subject.assigneeId !== null,
    });
    const targets = await resolveMilestoneRecipients(ctx, subject, scope, milestone.audience);
    for (const target of targets) {
      await enqueueNotification(ctx, {
        caseId,
        channel: target.ref.channel,
        recipient: target.ref,
        content,
        dedupeKey: `deadline:${row.id}:${milestone.name}:${dueOn}:${target.key}`,
      });
    }
    recipients = targets.length;
    if (recipients === 0)
      ctx.logger.warn({ caseId, milestone: milestone.name }, 'deadline milestone: nobody to tell');
  }

  const written = await recordMilestoneOnce(ctx.db.prisma, {
    clockId: row.id,
    caseId,
    action: milestone.action === 'escalate' ? 'escalated' : 'deadline_reminder',
    data: { ...key, level: milestone.audience, recipients },
    at: now,
  });
  if (!written) return { status: 'already_fired', caseId };
  ctx.logger.info(
    { caseId, clockKind: row.kind, milestone: milestone.name, recipients },
    'deadline milestone fired',
  );
  return { status: 'fired', caseId, recipients };
}
