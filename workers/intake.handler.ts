// Thin: the payload was validated by the worker host; one use case does the work.
import type { AppContext } from '../src/app-context.js';
import { processSubmission } from '../src/intake/process-submission.js';
import type { JobHandler } from '../src/queue/worker-host.js';

export const createIntakeHandler =
  (ctx: AppContext): JobHandler<'intake.process-submission'> =>
  async ({ submissionId }) =>
    processSubmission(ctx, submissionId);
