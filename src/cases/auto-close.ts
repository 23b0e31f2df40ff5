// A resolved case closes by itself a number of working days after its resolution (the
// organisation's `settings.autoCloseWorkingDays`, default 20: about the 30 calendar days a sender
// has to ask for a review), unless the sender reopened it meanwhile. The `resolve` event's effect
// schedules one delayed job keyed by that event; the deadlines sweep closes any case whose job was
// lost. Closing goes through the lifecycle as the system, so it is audited like any other move.
import type { AppContext } from '../app-context.js';
import { toVietnamDate, vietnamDayEnd } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { isAppError } from '../core/app-error.js';
import { deadlineSettingsOf } from '../deadlines/deadline.service.js';
import { applyCaseAction } from './case-lifecycle.service.js';
import { findOrganizationById } from '../directory/directory.repository.js';
import { findCaseById, findLatestCaseEvent, listResolvedCaseIds } from './case.repository.js';

export const DEFAULT_AUTO_CLOSE_WORKING_DAYS = 20;

export function autoCloseWorkingDays(settings: unknown): number {
  const days = (settings as { autoCloseWorkingDays?: unknown } | null)?.autoCloseWorkingDays;
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 120
    ? days
    : DEFAULT_AUTO_CLOSE_WORKING_DAYS;
}

/** The instant a case resolved at `resolvedAt` closes: the end of its n-th working day after. */
export function autoCloseAt(resolvedAt: Date, workingDays: number, calendar: WorkingCalendar): Date {
  return vietnamDayEnd(calendar.addWorkingDays(toVietnamDate(resolvedAt), workingDays));
}

async function closeTimeOf(ctx: AppContext, c: { organizationId: string; resolvedAt: Date }) {
  const org = await findOrganizationById(ctx.db.prisma, c.organizationId);
  const days = autoCloseWorkingDays(org?.settings ?? null);
  const { calendar } = await deadlineSettingsOf(ctx, c.organizationId);
  return { at: autoCloseAt(c.resolvedAt, days, calendar), days };
}

/** The `schedule_auto_close` effect of a `resolve` event. */
export async function scheduleAutoClose(ctx: AppContext, input: { caseId: string; resolveEventId: string }) {
  const c = await findCaseById(ctx.db.prisma, input.caseId);
  if (!c || c.status !== 'resolved' || !c.resolvedAt) return;
  const { at } = await closeTimeOf(ctx, { organizationId: c.organizationId, resolvedAt: c.resolvedAt });
  await ctx.queues.add('cases.auto-close', input, {
    delay: Math.max(0, at.getTime() - ctx.clock.now().getTime()),
  });
}

export type AutoCloseResult = 'closed' | 'not_resolved' | 'superseded' | 'early';

/**
 * Closes the case if it is still resolved by this `resolve` event (a reopen and a new resolution
 * make a newer one, with its own wait) and its time has come. Safe to call twice.
 */
export async function closeResolvedCaseIfDue(
  ctx: AppContext,
  input: { caseId: string; resolveEventId: string },
): Promise<AutoCloseResult> {
  const c = await findCaseById(ctx.db.prisma, input.caseId);
  if (!c || c.status !== 'resolved' || !c.resolvedAt) return 'not_resolved';
  const latest = await findLatestCaseEvent(ctx.db.prisma, c.id, 'resolve');
  if (latest?.id !== input.resolveEventId) return 'superseded';
  const { at, days } = await closeTimeOf(ctx, { organizationId: c.organizationId, resolvedAt: c.resolvedAt });
  if (ctx.clock.now().getTime() < at.getTime()) return 'early';
  try {
    await applyCaseAction(ctx, {
      caseId: c.id,
      action: 'close',
      actor: { type: 'system' },
      params: {
        reason: `Tự động đóng sau ${days} ngày làm việc kể từ khi giải quyết; người gửi không đề nghị xem xét lại.`,
      },
      expectedVersion: c.version,
    });
  } catch (err) {
    // A sender's reopen or an officer's close won the race: nothing is left to do.
    if (isAppError(err) && (err.code === 'conflict' || err.code === 'illegal_transition'))
      return 'not_resolved';
    throw err;
  }
  return 'closed';
}

/** The sweep's part: every resolved case whose close time passed (its delayed job was lost). */
export async function closeOverdueResolvedCases(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  // n working days are at least n calendar days: a cheap bound before the exact count.
  const candidates = await listResolvedCaseIds(ctx.db.prisma, new Date(now.getTime() - 24 * 3600_000), 1000);
  let closed = 0;
  for (const { id } of candidates) {
    const latest = await findLatestCaseEvent(ctx.db.prisma, id, 'resolve');
    if (!latest) continue;
    if ((await closeResolvedCaseIfDue(ctx, { caseId: id, resolveEventId: latest.id })) === 'closed') closed++;
  }
  if (closed) ctx.logger.info({ count: closed }, 'auto-closed resolved cases missed by their job');
  return closed;
}
