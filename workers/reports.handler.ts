// Thin: the payload was validated by the worker host; one use case does the work.
import type { AppContext } from '../src/app-context.js';
import { parseLocalDate } from '../src/calendar/local-date.js';
import type { JobHandler } from '../src/queue/worker-host.js';
import { sendDailyDigests } from '../src/reports/send-daily-digests.js';
import { sendHotlineReviews } from '../src/reports/send-hotline-review.js';
import { flagEarlyWarnings } from '../src/triage/flag-early-warnings.js';

export const createDailyDigestHandler =
  (ctx: AppContext): JobHandler<'reports.daily-digest'> =>
  async ({ date }) =>
    sendDailyDigests(ctx, date ? parseLocalDate(date) : undefined);

export const createHotlineReviewHandler =
  (ctx: AppContext): JobHandler<'reports.hotline-review'> =>
  async ({ weekOf }) =>
    sendHotlineReviews(ctx, weekOf ? parseLocalDate(weekOf) : undefined);

export const createEarlyWarningHandler =
  (ctx: AppContext): JobHandler<'reports.early-warning'> =>
  async ({ date }) =>
    flagEarlyWarnings(ctx, date ? parseLocalDate(date) : undefined);
