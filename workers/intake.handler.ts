// Thin: the payload was validated by the worker host. Makes the case, routes it (unit, urgency),
// then posts its card to the officers. Each step is idempotent, so a retried job ends the same.
// A submission that cannot become a case is marked failed for operators (decision 0019).
import type { AppContext } from '../src/app-context.js';
import { scheduleCaseMilestonesSafely } from '../src/deadlines/schedule-milestones.js';
import { processSubmission, recordSubmissionFailure } from '../src/intake/process-submission.js';
import { postCaseCards } from '../src/officer/post-case-cards.js';
import type { JobHandler } from '../src/queue/worker-host.js';
import { routeCase } from '../src/routing/route-case.js';

export const createIntakeHandler =
  (ctx: AppContext): JobHandler<'intake.process-submission'> =>
  async ({ submissionId }) => {
    let processed;
    try {
      processed = await processSubmission(ctx, submissionId);
    } catch (err) {
      await recordSubmissionFailure(ctx, submissionId, err);
      throw err;
    }
    await scheduleCaseMilestonesSafely(ctx, processed.caseId);
    const routing = await routeCase(ctx, processed.caseId);
    if (routing.status !== 'skipped') await postCaseCards(ctx, processed.caseId);
    return processed;
  };
