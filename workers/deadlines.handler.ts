// Thin: the payload was validated by the worker host. A milestone job fires its milestone (a stale
// one does nothing); the repeating sweep fires what the delayed jobs missed.
import type { AppContext } from '../src/app-context.js';
import type { LocalDate } from '../src/calendar/local-date.js';
import { fireMilestone, type MilestoneDeps } from '../src/deadlines/fire-milestone.js';
import { sweepDeadlineMilestones } from '../src/deadlines/sweep-milestones.js';
import { closeOverdueResolvedCases } from '../src/cases/auto-close.js';
import type { JobHandler } from '../src/queue/worker-host.js';

export const createDeadlineMilestoneHandler =
  (ctx: AppContext, deps: MilestoneDeps): JobHandler<'deadlines.milestone'> =>
  async ({ clockId, milestone, dueOn }) =>
    fireMilestone(ctx, deps, { clockId, milestone, dueOn: dueOn as LocalDate });

export const createDeadlineSweepHandler =
  (ctx: AppContext, deps: MilestoneDeps): JobHandler<'deadlines.sweep'> =>
  async () => {
    await sweepDeadlineMilestones(ctx, deps);
    // Resolved cases whose auto-close job was lost close here.
    await closeOverdueResolvedCases(ctx);
  };
