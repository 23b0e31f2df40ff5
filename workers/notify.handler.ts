// Thin: one use case delivers; waiting (per-recipient pacing, a channel's retry_after) moves the
// job back to `delayed` without spending an attempt (BullMQ: moveToDelayed + DelayedError).
import { DelayedError } from 'bullmq';
import type { AppContext } from '../src/app-context.js';
import { deliverNotification, type DeliveryDeps } from '../src/notify/deliver-notification.js';
import type { JobHandler } from '../src/queue/worker-host.js';

export const createNotifyHandler =
  (ctx: AppContext, deps: DeliveryDeps): JobHandler<'notify.deliver'> =>
  async ({ notificationId }, job) => {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result = await deliverNotification(ctx, deps, notificationId, { lastAttempt });
    if (result.outcome === 'wait') {
      await job.moveToDelayed(Date.now() + result.ms, job.token);
      throw new DelayedError();
    }
    if (result.outcome !== 'sent') {
      ctx.logger.info({ notificationId, outcome: result.outcome }, 'notification not sent');
    }
    return result;
  };
