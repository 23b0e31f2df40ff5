// Thin: the payload was validated by the worker host; one use case does the work.
import type { AppContext } from '../src/app-context.js';
import { parseLocalDate } from '../src/calendar/local-date.js';
import type { JobHandler } from '../src/queue/worker-host.js';
import { sendDailyDigests } from '../src/reports/send-daily-digests.js';
import { sendHotlineReviews } from '../src/reports/send-hotline-review.js';
import type { PeriodicReportDeps } from '../src/reports/periodic/report-documents.js';
import { runReportSchedules } from '../src/reports/periodic/run-report-schedules.js';
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

export const createPeriodicReportsHandler =
  (ctx: AppContext, deps: PeriodicReportDeps): JobHandler<'reports.periodic-schedules'> =>
  async ({ date }) =>
    runReportSchedules(ctx, deps, date ? parseLocalDate(date) : undefined);
