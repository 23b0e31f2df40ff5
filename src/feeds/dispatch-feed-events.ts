// The feeds' pump, run by every worker process on a timer: new feed events get one delivery row
// per interested webhook (fan-out, oldest first), and every (webhook, case) chain with a pending
// delivery gets a `webhooks.deliver` job. The job id is the chain's, so a chain already waiting
// (or backing off after a failure) is not added twice: its retry keeps its backoff.
import type { AppContext } from '../app-context.js';
import { fanOutFeedEvents, findPendingChains } from './feed.repository.js';

const BATCH = 200;

export async function dispatchFeedEvents(ctx: AppContext): Promise<{ fannedOut: number; chains: number }> {
  const { prisma } = ctx.db;
  const fannedOut = await fanOutFeedEvents(prisma, BATCH, ctx.clock.now());
  const chains = await findPendingChains(prisma, BATCH);
  for (const chain of chains) await ctx.queues.add('webhooks.deliver', chain);
  return { fannedOut, chains: chains.length };
}
