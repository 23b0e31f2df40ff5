// The feeds' pump, run by every worker process on a timer: new feed events get one delivery row
// per interested webhook (fan-out, oldest first), and every (webhook, case) chain with a pending
// delivery gets a `webhooks.deliver` job. The job id is the chain's, so a chain already waiting
// (or backing off after a failure) is not added twice: its retry keeps its backoff.
import type { AppContext } from '../app-context.js';
import { fanOutFeedEvent, findPendingChains, findUnfannedFeedEvents } from './feed.repository.js';

const BATCH = 200;

export async function dispatchFeedEvents(ctx: AppContext): Promise<{ fannedOut: number; chains: number }> {
  const { prisma } = ctx.db;
  let fannedOut = 0;
  for (const event of await findUnfannedFeedEvents(prisma, BATCH)) {
    await fanOutFeedEvent(prisma, event, ctx.clock.now());
    fannedOut++;
  }
  const chains = await findPendingChains(prisma, BATCH);
  for (const chain of chains) await ctx.queues.add('webhooks.deliver', chain);
  return { fannedOut, chains: chains.length };
}
