// Which database work goes first when the embedded database's one connection is contended
// (docs/decisions/0079). A person waiting for their acknowledgement should not queue behind the
// statements and transactions of cases the worker is building; the embedded database's client reads
// this mark to send such statements ahead of the worker's queued work, and holds the worker's next
// statement back while an acknowledgement is being stored (decision 0109). PostgreSQL has a pool
// and ignores both.
import { AsyncLocalStorage } from 'node:async_hooks';

const ahead = new AsyncLocalStorage<true>();

/** Marked work in progress (nested marks count each), and who waits for there to be none. */
let inProgress = 0;
const waitingForNone: (() => void)[] = [];

/** Runs `work` with its database statements marked to go ahead of queued background work. */
export async function aheadOfQueuedWork<T>(work: () => Promise<T>): Promise<T> {
  inProgress++;
  try {
    return await ahead.run(true, work);
  } finally {
    if (--inProgress === 0) for (const resolve of waitingForNone.splice(0)) resolve();
  }
}

/** Whether the statement being sent now was marked by `aheadOfQueuedWork`. */
export function isAheadOfQueuedWork(): boolean {
  return ahead.getStore() === true;
}

/**
 * Resolves when no marked work is in progress, or after `maxWaitMs` whatever the marked work does
 * (so a steady stream of acknowledgements slows background work but never stops it); undefined
 * when none is in progress now, so the caller need not wait a turn of the event loop.
 */
export function afterMarkedWork(maxWaitMs: number): Promise<void> | undefined {
  if (inProgress === 0) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      const at = waitingForNone.indexOf(done);
      if (at >= 0) waitingForNone.splice(at, 1);
      resolve();
    }, maxWaitMs);
    waitingForNone.push(done);
  });
}
