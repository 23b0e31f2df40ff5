// The repeating safety net behind the delayed jobs: Redis lost, a worker down for a day, a deleted
// job. It re-plans every running clock near or past its due date and fires each milestone that is
// due and has no audit event yet (fireMilestone is idempotent, so racing a delayed job is harmless).
// A case it fired for gets its next milestones scheduled: the chain of delayed jobs the lost job
// would have carried on goes on from here (decision 0080).
// First it re-counts running clocks whose stored due date no longer matches the calendar (official
// days off loaded after the clock started) and reschedules those cases.
import type { AppContext } from '../app-context.js';
import { addDays, fromDbDate, toVietnamDate } from '../calendar/local-date.js';
import { appendCaseEvent } from '../cases/case.repository.js';
import { computeDueDate } from './clock.js';
import { rowToClock, upsertClock } from './clock.repository.js';
import { loadDeadlineSettings, type DeadlineSettings } from './deadline.service.js';
import { readDirectoryFingerprint } from '../directory/directory-cache.js';
import {
  fireMilestone,
  loadOrgDeadlineContext,
  milestonesOfClock,
  type MilestoneDeps,
  type OrgDeadlineContext,
} from './fire-milestone.js';
import { isMilestoneDue } from './milestone-plan.js';
import {
  firedKey,
  listFiredKeys,
  listRunningClocksDueBy,
  listRunningClocksOfOpenCases,
} from './milestone.repository.js';
import { caseToScheduleAfter, scheduleCaseMilestonesSafely } from './schedule-milestones.js';

export interface SweepResult {
  recounted: number;
  checked: number;
  fired: number;
  failed: number;
}

// Reminders come at most a few working days before the due date; 60 calendar days covers any
// offset the policy allows (≤ 20 working days) even across Tết.
const HORIZON_DAYS = 60;

/** Per database client: the directory fingerprints the last two sweeps of this process began with. */
const sweepsSeen = new WeakMap<object, (string | undefined)[]>();

// Clocks are read a page at a time: memory stays flat at a million open cases.
const SWEEP_PAGE = 2_000;

export async function sweepDeadlineMilestones(ctx: AppContext, deps: MilestoneDeps): Promise<SweepResult> {
  const now = ctx.clock.now();
  const orgs = new Map<string, Promise<OrgDeadlineContext>>();
  const orgContext = (organizationId: string, settings: unknown) => {
    let org = orgs.get(organizationId);
    if (!org) orgs.set(organizationId, (org = loadOrgDeadlineContext(ctx, organizationId, settings)));
    return org;
  };

  // Stored due dates change only when the calendar (or an organisation's limits) does: every open
  // clock is re-counted only when the directory's fingerprint changed since the previous sweep or
  // the one before it — the second pass catches a clock a worker started with settings it read
  // just before the change (decision 0041).
  const fingerprint = await readDirectoryFingerprint(ctx.db.prisma);
  const seen = sweepsSeen.get(ctx.db.prisma) ?? [];
  sweepsSeen.set(ctx.db.prisma, [seen[1], fingerprint]);
  let recounted = 0;
  if (seen[0] !== fingerprint || seen[1] !== fingerprint) {
    // Read after the fingerprint, not from the cache: never older than what the fingerprint says.
    const calendars = new Map<string, Promise<DeadlineSettings>>();
    recounted = await recountDueDates(ctx, now, (id) => {
      let settings = calendars.get(id);
      if (!settings) calendars.set(id, (settings = loadDeadlineSettings(ctx.db.prisma, id)));
      return settings;
    });
  }

  const dueBy = addDays(toVietnamDate(now), HORIZON_DAYS);
  const result: SweepResult = { recounted, checked: 0, fired: 0, failed: 0 };
  for (let after: string | null = null; ;) {
    const rows = await listRunningClocksDueBy(ctx.db.prisma, dueBy, { after, take: SWEEP_PAGE });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    result.checked += rows.length;
    const fired = await listFiredKeys(ctx.db.prisma, [...new Set(rows.map((r) => r.caseId))]);
    const toSchedule = new Set<string>();
    for (const row of rows) {
      const org = await orgContext(row.case.organizationId, row.case.organization.settings);
      const dueOn = fromDbDate(row.dueOn);
      for (const m of milestonesOfClock(row, org)) {
        const key = firedKey(row.caseId, { clockKind: row.kind, milestone: m.name, dueOn });
        if (!isMilestoneDue(m, now) || fired.has(key)) continue;
        try {
          const r = await fireMilestone(
            ctx,
            deps,
            { clockId: row.id, milestone: m.name, dueOn },
            { row, org },
          );
          if (r.status === 'fired') result.fired++;
          const caseId = caseToScheduleAfter(r);
          if (caseId) toSchedule.add(caseId);
        } catch (err) {
          result.failed++;
          ctx.logger.warn(
            { err: { message: (err as Error).message }, caseId: row.caseId, milestone: m.name },
            'deadline sweep: firing failed; next sweep retries',
          );
        }
      }
    }
    // Once per case, after all its due milestones of this page: they may be several (overdue and
    // the first escalation share a day).
    for (const caseId of toSchedule) await scheduleCaseMilestonesSafely(ctx, caseId);
  }
  if (result.fired || result.failed || result.recounted) ctx.logger.info(result, 'deadline sweep');
  return result;
}

/**
 * A running clock's stored due date is recomputed with today's calendar; when it differs (days off
 * loaded since), the row is rewritten with an audit event and the case's milestones rescheduled.
 * Paused clocks are left alone: their stored date assumes the pause ends on the day it began, and
 * resuming recomputes it.
 */
async function recountDueDates(
  ctx: AppContext,
  now: Date,
  settingsOf: (organizationId: string) => Promise<DeadlineSettings>,
): Promise<number> {
  const { prisma } = ctx.db;
  let changed = 0;
  for (let after: string | null = null; ;) {
    const page = await listRunningClocksOfOpenCases(prisma, { after, take: SWEEP_PAGE });
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    changed += await recountPage(ctx, now, settingsOf, page);
  }
  return changed;
}

async function recountPage(
  ctx: AppContext,
  now: Date,
  settingsOf: (organizationId: string) => Promise<DeadlineSettings>,
  page: Awaited<ReturnType<typeof listRunningClocksOfOpenCases>>,
): Promise<number> {
  const { prisma } = ctx.db;
  let changed = 0;
  for (const row of page) {
    const settings = await settingsOf(row.case.organizationId);
    const clock = rowToClock(row);
    const stored = fromDbDate(row.dueOn);
    const dueOn = computeDueDate(clock, settings.calendar);
    if (dueOn === stored) continue;
    await prisma.$transaction(async (tx) => {
      await upsertClock(tx, row.caseId, clock, dueOn, 'running', now);
      await appendCaseEvent(tx, {
        caseId: row.caseId,
        action: 'clock_recounted',
        actorType: 'system',
        reason: 'Lịch ngày nghỉ thay đổi',
        data: { clockKind: row.kind, from: stored, to: dueOn },
        at: now,
      });
    });
    await scheduleCaseMilestonesSafely(ctx, row.caseId);
    changed++;
  }
  return changed;
}
