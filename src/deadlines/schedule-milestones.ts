// After a clock change is committed, each running clock's next milestones (those at its earliest
// future instant; the apology prompt shares a day with a due-soon reminder) become delayed jobs.
// When one of them has run, its handler schedules the ones after it, and so on: a case holds one
// or two jobs in Redis, not one per milestone (decision 0080). Ids are made of (clock, milestone,
// due date): adding them again changes nothing, a moved due date makes new ones, and a job left
// over from an older plan finds, when it fires, that it no longer applies. Scheduling never fails
// the case change that called it: the sweep fires what was not scheduled and restarts the chain.
import type { AppContext } from '../app-context.js';
import { fromDbDate } from '../calendar/local-date.js';
import { directoryCache } from '../directory/directory-cache.js';
import type { BulkJob } from '../queue/job-queues.js';
import type { ClockRow } from './clock.repository.js';
import { loadOrgDeadlineContext, milestonesOfClock, type FireResult } from './fire-milestone.js';
import { findOrganizationSettings, listCaseClocksWithCase } from './milestone.repository.js';

type ClockWithCase = Awaited<ReturnType<typeof listCaseClocksWithCase>>[number];

/**
 * A case and its clocks as the transaction that just wrote them has them (the intake job's new
 * case), so they are not read back (decision 0084). The organisation's policy comes from memory
 * (0041).
 */
export interface ClocksJustWritten {
  case: Omit<ClockWithCase['case'], 'organization'>;
  clocks: readonly ClockRow[];
}

/** Schedules the next future milestones of the case's running clocks; returns the job ids. */
export async function scheduleCaseMilestones(
  ctx: AppContext,
  caseId: string,
  written?: ClocksJustWritten,
): Promise<string[]> {
  const rows = written
    ? await withOrganization(ctx, written)
    : await listCaseClocksWithCase(ctx.db.prisma, caseId);
  const running = rows.filter((r) => r.status === 'running');
  if (running.length === 0) return [];
  const org = await loadOrgDeadlineContext(
    ctx,
    running[0]!.case.organizationId,
    running[0]!.case.organization.settings,
  );
  const now = ctx.clock.now().getTime();
  const jobs: BulkJob<'deadlines.milestone'>[] = [];
  for (const row of running) {
    const dueOn = fromDbDate(row.dueOn);
    // Past milestones are the sweep's: it knows which already fired.
    const future = milestonesOfClock(row, org).filter((m) => m.at.getTime() > now);
    const next = Math.min(...future.map((m) => m.at.getTime()));
    for (const m of future.filter((f) => f.at.getTime() === next)) {
      jobs.push({
        name: 'deadlines.milestone',
        payload: { clockId: row.id, milestone: m.name, dueOn },
        opts: { delay: m.at.getTime() - now },
      });
    }
  }
  // One round trip for all of them; ids are deterministic, so a job added before is left as it is.
  return ctx.queues.addMany(jobs);
}

async function withOrganization(ctx: AppContext, written: ClocksJustWritten): Promise<ClockWithCase[]> {
  const { organizationId } = written.case;
  const organization = await directoryCache(ctx).read(`organization-settings:${organizationId}`, () =>
    findOrganizationSettings(ctx.db.prisma, organizationId),
  );
  // The foreign key keeps the organisation; were it gone, nothing is scheduled (the sweep decides).
  if (!organization) return [];
  return written.clocks.map((clock) => ({ ...clock, case: { ...written.case, organization } }));
}

/** For callers whose own change is already committed: a failure is logged, the sweep repairs it. */
export async function scheduleCaseMilestonesSafely(
  ctx: AppContext,
  caseId: string,
  written?: ClocksJustWritten,
): Promise<void> {
  try {
    await scheduleCaseMilestones(ctx, caseId, written);
  } catch (err) {
    ctx.logger.warn(
      { err: { message: (err as Error).message }, caseId },
      'scheduling deadline milestones failed; the sweep will fire them',
    );
  }
}

/**
 * The case whose next milestones are to be scheduled once a milestone's job (or the sweep) got
 * this result: the chain goes on from now after a firing, a firing found done, a lapsed reminder
 * or a milestone the plan no longer has (the organisation's policy changed). Nothing for a clock
 * gone, stopped or paused (resuming schedules), nor for a stale due date: the change that moved
 * it scheduled the new plan. An early job waits for its own instant instead (the handler).
 */
export function caseToScheduleAfter(result: FireResult): string | undefined {
  if (result.status !== 'skipped') return result.caseId;
  return result.reason === 'lapsed' || result.reason === 'not_applicable' ? result.caseId : undefined;
}
