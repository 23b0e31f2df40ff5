// Thin: the payload was validated by the worker host. The effects of a case move, and the
// auto-close of a resolved case whose wait is over.
import type { AppContext } from '../src/app-context.js';
import { closeResolvedCaseIfDue } from '../src/cases/auto-close.js';
import { runCaseEffects } from '../src/cases/run-case-effects.js';
import type { JobHandler } from '../src/queue/worker-host.js';

export const createCaseEffectsHandler =
  (ctx: AppContext): JobHandler<'cases.run-effects'> =>
  async ({ eventId }) =>
    runCaseEffects(ctx, eventId);

export const createAutoCloseHandler =
  (ctx: AppContext): JobHandler<'cases.auto-close'> =>
  async (payload) =>
    closeResolvedCaseIfDue(ctx, payload);
