import type { AppContext } from '../src/app-context.js';
import type { JobHandlers } from '../src/queue/worker-host.js';
import { createIntakeHandler } from './intake.handler.js';

export function createJobHandlers(ctx: AppContext): JobHandlers {
  return {
    'intake.process-submission': createIntakeHandler(ctx),
  };
}
