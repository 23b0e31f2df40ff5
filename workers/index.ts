import type { AppContext } from '../src/app-context.js';
import type { DeliveryDeps } from '../src/notify/deliver-notification.js';
import type { JobHandlers } from '../src/queue/worker-host.js';
import { createAutoCloseHandler, createCaseEffectsHandler } from './cases.handler.js';
import { createDialogReminderHandler } from './dialog-reminder.handler.js';
import { createDeadlineMilestoneHandler, createDeadlineSweepHandler } from './deadlines.handler.js';
import { createIntakeHandler } from './intake.handler.js';
import {
  createDailyDigestHandler,
  createEarlyWarningHandler,
  createHotlineReviewHandler,
  createPeriodicReportsHandler,
} from './reports.handler.js';
import { PERIODIC_REPORT_DEPS, type PeriodicReportDeps } from '../src/reports/periodic/report-documents.js';
import type { MilestoneDeps } from '../src/deadlines/fire-milestone.js';
import { requestApologyDecision } from '../src/letters/apology-request.js';
import { createNotifyHandler } from './notify.handler.js';
import { createBookingReminderHandler, createBookingReminderSweepHandler } from './reception.handler.js';
import { deliverWebhookChain } from '../src/feeds/deliver-webhook.js';
import { analyzeChangedTables } from '../src/db/table-statistics.js';

export interface JobHandlerDeps {
  /** Channel senders (registered at start for the configured channels) and the Redis pacer. */
  notify: DeliveryDeps;
  /** What a deadline milestone needs from other features; default: the apology prompt of src/letters. */
  deadlines?: MilestoneDeps;
  /** How a periodic report's documents are made; default: the figures of src/reports/periodic. */
  periodicReports?: PeriodicReportDeps;
}

export function createJobHandlers(ctx: AppContext, deps: JobHandlerDeps): JobHandlers {
  // One working day before a due date the heads are asked about an apology letter (src/letters).
  const deadlines = deps.deadlines ?? { onApologyDue: requestApologyDecision };
  return {
    'intake.process-submission': createIntakeHandler(ctx),
    'cases.run-effects': createCaseEffectsHandler(ctx),
    'cases.auto-close': createAutoCloseHandler(ctx),
    'notify.deliver': createNotifyHandler(ctx, deps.notify),
    'dialog.remind-draft': createDialogReminderHandler(ctx),
    'deadlines.milestone': createDeadlineMilestoneHandler(ctx, deadlines),
    'deadlines.sweep': createDeadlineSweepHandler(ctx, deadlines),
    'db.analyze-tables': () => analyzeChangedTables(ctx.db),
    'reports.daily-digest': createDailyDigestHandler(ctx),
    'reports.early-warning': createEarlyWarningHandler(ctx),
    'reports.hotline-review': createHotlineReviewHandler(ctx),
    'reports.periodic-schedules': createPeriodicReportsHandler(
      ctx,
      deps.periodicReports ?? PERIODIC_REPORT_DEPS,
    ),
    'reception.remind-booking': createBookingReminderHandler(ctx),
    'reception.sweep-reminders': createBookingReminderSweepHandler(ctx),
    'webhooks.deliver': (chain) => deliverWebhookChain(ctx, chain),
  };
}
