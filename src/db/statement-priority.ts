// Which database work goes first when the embedded database's one connection is contended
// (docs/decisions/0079). A person waiting for their acknowledgement should not queue behind the
// statements and transactions of cases the worker is building; the embedded database's client reads
// this mark to send such statements ahead of the worker's queued work. PostgreSQL has a pool and
// ignores it.
import { AsyncLocalStorage } from 'node:async_hooks';

const ahead = new AsyncLocalStorage<true>();

/** Runs `work` with its database statements marked to go ahead of queued background work. */
export function aheadOfQueuedWork<T>(work: () => Promise<T>): Promise<T> {
  return ahead.run(true, work);
}

/** Whether the statement being sent now was marked by `aheadOfQueuedWork`. */
export function isAheadOfQueuedWork(): boolean {
  return ahead.getStore() === true;
}
