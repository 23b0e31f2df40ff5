// Thin: the payload was validated by the worker host. A milestone job fires its milestone (a stale
// one does nothing) and schedules the case's next ones: the jobs of a case form a chain (decision
// 0080). The repeating sweep fires what the delayed jobs missed and restarts a broken chain.
import { DelayedError } from 'bullmq';
import type { AppContext } from '../src/app-context.js';
import type { LocalDate } from '../src/calendar/local-date.js';
import { fireMilestone, type MilestoneDeps } from '../src/deadlines/fire-milestone.js';
import { caseToScheduleAfter, scheduleCaseMilestones } from '../src/deadlines/schedule-milestones.js';
import { sweepDeadlineMilestones } from '../src/deadlines/sweep-milestones.js';
import { closeOverdueResolvedCases } from '../src/cases/auto-close.js';
import type { JobHandler } from '../src/queue/worker-host.js';

export const createDeadlineMilestoneHandler =
  (ctx: AppContext, deps: MilestoneDeps): JobHandler<'deadlines.milestone'> =>
  async ({ clockId, milestone, dueOn }, job) => {
    const result = await fireMilestone(ctx, deps, { clockId, milestone, dueOn: dueOn as LocalDate });
    if (result.status === 'skipped' && result.reason === 'early') {
      // Ran before its instant (clocks of two hosts apart, the policy's hour moved later): the job
      // waits for it, without spending an attempt. Re-adding its id now would find this job
      // still there and add nothing, and the milestone would be left to the sweep.
      await job.moveToDelayed(result.at.getTime(), job.token);
      throw new DelayedError();
    }
    const caseId = caseToScheduleAfter(result);
    // Not the "safely" variant: a failure fails the job, and its retry finds the firing done
    // and schedules again, sooner than the sweep would notice.
    if (caseId) await scheduleCaseMilestones(ctx, caseId);
    return result;
  };

export const createDeadlineSweepHandler =
  (ctx: AppContext, deps: MilestoneDeps): JobHandler<'deadlines.sweep'> =>
  async () => {
    await sweepDeadlineMilestones(ctx, deps);
    // Resolved cases whose auto-close job was lost close here.
    await closeOverdueResolvedCases(ctx);
  };
