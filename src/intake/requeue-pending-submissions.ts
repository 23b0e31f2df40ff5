// Safety net: a submission stored but never processed (Redis lost the job, the queue add failed)
// is queued again. The job id is deterministic and the handler idempotent, so this is harmless
// when nothing was lost.
import type { AppContext } from '../app-context.js';
import { listPendingSubmissionIds } from './intake.repository.js';

export async function requeuePendingSubmissions(ctx: AppContext, minAgeMs = 30_000): Promise<number> {
  const olderThan = new Date(ctx.clock.now().getTime() - minAgeMs);
  const ids = await listPendingSubmissionIds(ctx.db.prisma, olderThan, 500);
  for (const submissionId of ids) {
    await ctx.queues.add('intake.process-submission', { submissionId });
  }
  if (ids.length > 0) ctx.logger.info({ count: ids.length }, 'requeued pending submissions');
  return ids.length;
}
