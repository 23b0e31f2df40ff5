// Safety net: a notification stored but not sent is looked at, oldest first and page by page, like
// submissions and case effects (src/queue/requeue-stuck.ts): a job Redis lost or the add never
// made is added again; one that used up its attempts while the row stayed pending (the worker died
// or the database was down on its last attempt, so nobody marked it) gets fresh attempts — its
// last one marks the row failed as usual. Harmless when nothing was lost: the job id is
// deterministic and delivery idempotent (a sent row is never sent again).
import type { AppContext } from '../app-context.js';
import { JOB_DEFINITIONS } from '../queue/job-registry.js';
import { requeueStuck } from '../queue/requeue-stuck.js';
import { listPendingNotifications, type PendingNotificationKey } from './notification.repository.js';

export async function requeuePendingNotifications(ctx: AppContext, minAgeMs = 60_000): Promise<number> {
  const olderThan = new Date(ctx.clock.now().getTime() - minAgeMs);
  const { requeued } = await requeueStuck<PendingNotificationKey>({
    queue: ctx.queues.queue('notify'),
    page: (after, take) => listPendingNotifications(ctx.db.prisma, { olderThan, after, take }),
    jobId: ({ id }) => JOB_DEFINITIONS['notify.deliver'].jobId({ notificationId: id }),
    add: ({ id }) => ctx.queues.add('notify.deliver', { notificationId: id }),
  });
  if (requeued > 0) ctx.logger.info({ count: requeued }, 'requeued pending notifications');
  return requeued;
}
