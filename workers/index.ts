import type { AppContext } from '../src/app-context.js';
import type { DeliveryDeps } from '../src/notify/deliver-notification.js';
import type { JobHandlers } from '../src/queue/worker-host.js';
import { createDialogReminderHandler } from './dialog-reminder.handler.js';
import { createIntakeHandler } from './intake.handler.js';
import { createNotifyHandler } from './notify.handler.js';

export interface JobHandlerDeps {
  /** Channel senders (registered at start for the configured channels) and the Redis pacer. */
  notify: DeliveryDeps;
}

export function createJobHandlers(ctx: AppContext, deps: JobHandlerDeps): JobHandlers {
  return {
    'intake.process-submission': createIntakeHandler(ctx),
    'notify.deliver': createNotifyHandler(ctx, deps.notify),
    'dialog.remind-draft': createDialogReminderHandler(ctx),
  };
}
