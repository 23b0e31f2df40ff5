// The after-commit effects of a case move travel as one job per case event. Adding the job can
// fail after the move committed (Redis down, the process killed): the event keeps
// `effectsDoneAt` null, and the recovery sweep finds it and queues the job again — including when
// a job with that id exists but used up its attempts, which BullMQ would otherwise keep ignoring.
import type { AppContext } from '../app-context.js';
import { requeueStuck } from '../queue/requeue-stuck.js';
import { listEventsWithPendingEffects } from './case.repository.js';

export async function enqueueCaseEffects(ctx: AppContext, eventId: string): Promise<void> {
  await ctx.queues.add('cases.run-effects', { eventId });
}

/** For callers whose move is committed: a failure is logged and left to the recovery sweep. */
export async function enqueueCaseEffectsSafely(ctx: AppContext, eventId: string): Promise<void> {
  try {
    await enqueueCaseEffects(ctx, eventId);
  } catch (err) {
    ctx.logger.warn(
      { err: { message: (err as Error).message }, eventId },
      'queueing case effects failed; the recovery sweep will queue them',
    );
  }
}

/**
 * Every event whose effects have not run, in pages (none is skipped however many are stuck): a
 * missing job is added, a failed one is retried (src/queue/requeue-stuck.ts). Returns how many
 * were (re)queued.
 */
export async function requeuePendingCaseEffects(ctx: AppContext, minAgeMs = 60_000): Promise<number> {
  const olderThan = new Date(ctx.clock.now().getTime() - minAgeMs);
  const { requeued } = await requeueStuck<{ id: string }>({
    queue: ctx.queues.queue('cases'),
    page: (after, take) =>
      listEventsWithPendingEffects(ctx.db.prisma, { olderThan, afterId: after?.id ?? null, take }),
    jobId: ({ id }) => `case-effects-${id}`,
    add: ({ id }) => enqueueCaseEffects(ctx, id),
  });
  if (requeued > 0) ctx.logger.warn({ count: requeued }, 'requeued pending case effects');
  return requeued;
}
