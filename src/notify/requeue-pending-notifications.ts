// Safety net: a notification stored but whose job went missing (Redis lost it, the add failed) is
// queued again. The job id is deterministic, so a job still waiting, delayed or running is left
// alone, and delivery is idempotent, so this is harmless when nothing was lost.
import type { AppContext } from '../app-context.js';
import { listPendingNotificationIds, markNotificationFailed } from './notification.repository.js';

export async function requeuePendingNotifications(ctx: AppContext, minAgeMs = 60_000): Promise<number> {
  const olderThan = new Date(ctx.clock.now().getTime() - minAgeMs);
  const ids = await listPendingNotificationIds(ctx.db.prisma, olderThan, 500);
  let requeued = 0;
  const queue = ctx.queues.queue('notify');
  for (const notificationId of ids) {
    const job = await queue.getJob(`notification-${notificationId}`);
    if (job) {
      // Its retries ran out but the row was not marked (the worker died at that moment).
      if (await job.isFailed()) {
        await markNotificationFailed(
          ctx.db.prisma,
          notificationId,
          (job.failedReason ?? 'failed').slice(0, 300),
        );
      }
      continue;
    }
    await ctx.queues.add('notify.deliver', { notificationId });
    requeued++;
  }
  if (requeued > 0) ctx.logger.info({ count: requeued }, 'requeued pending notifications');
  return requeued;
}
