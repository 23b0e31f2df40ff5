// The recovery sweep for letters: a process that died between signing a letter and storing or
// sending its PDF leaves it `approved`/`signed` and unsent. `completeLetter` is idempotent (the file
// is set once, the send has a dedupe key), so finishing it again is safe. Only the last week's
// letters are looked at: one kept only for tracking (no reply handle) stays `signed` for good.
import type { AppContext } from '../app-context.js';
import { completeLetter } from './issue-letter.js';

const WINDOW_MS = 7 * 24 * 3600_000;

export async function completeUnfinishedLetters(ctx: AppContext, minAgeMs = 60_000): Promise<number> {
  const now = ctx.clock.now().getTime();
  const rows = await ctx.db.prisma.letter.findMany({
    where: {
      status: { in: ['approved', 'signed'] },
      createdAt: { gte: new Date(now - WINDOW_MS), lte: new Date(now - minAgeMs) },
    },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: 50,
  });
  let finished = 0;
  for (const { id } of rows) {
    try {
      await completeLetter(ctx, id);
      finished++;
    } catch (err) {
      ctx.logger.warn({ err, letterId: id }, 'could not finish a letter; the next sweep tries again');
    }
  }
  return finished;
}
