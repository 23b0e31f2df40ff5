// After a clock change is committed, the case's future milestones become delayed jobs with ids made
// of (clock, milestone, due date): adding them again changes nothing, a moved due date makes new
// ones, and a job left over from an older plan finds, when it fires, that it no longer applies.
// Scheduling never fails the case change that called it: the sweep fires what was not scheduled.
import type { AppContext } from '../app-context.js';
import { fromDbDate } from '../calendar/local-date.js';
import type { BulkJob } from '../queue/job-queues.js';
import { loadOrgDeadlineContext, milestonesOfClock } from './fire-milestone.js';
import { listCaseClocksWithCase } from './milestone.repository.js';

/** Schedules every future milestone of the case's running clocks; returns the job ids. */
export async function scheduleCaseMilestones(ctx: AppContext, caseId: string): Promise<string[]> {
  const rows = await listCaseClocksWithCase(ctx.db.prisma, caseId);
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
    for (const m of milestonesOfClock(row, org)) {
      // Past milestones are the sweep's: it knows which already fired.
      if (m.at.getTime() <= now) continue;
      jobs.push({
        name: 'deadlines.milestone',
        payload: { clockId: row.id, milestone: m.name, dueOn },
        opts: { delay: m.at.getTime() - now },
      });
    }
  }
  // One round trip for all of them (a new case has about seven); ids are deterministic, so a
  // job added before is left as it is, as with one add at a time.
  return ctx.queues.addMany(jobs);
}

/** For callers whose own change is already committed: a failure is logged, the sweep repairs it. */
export async function scheduleCaseMilestonesSafely(ctx: AppContext, caseId: string): Promise<void> {
  try {
    await scheduleCaseMilestones(ctx, caseId);
  } catch (err) {
    ctx.logger.warn(
      { err: { message: (err as Error).message }, caseId },
      'scheduling deadline milestones failed; the sweep will fire them',
    );
  }
}
