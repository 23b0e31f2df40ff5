// Group commit (decision 0083): calls that arrive while earlier ones are being written wait, and go
// together in the next write. Alone, a call is written at once, so a quiet system waits for nothing;
// under load one statement and one round trip serve many callers, which is what lets the ack path
// keep up. Each caller still gets its own answer and its own error: a batch that fails is written
// again item by item, so one bad item fails only its caller. `write` must therefore be all or
// nothing, or safe to repeat.

export interface GroupCommitOptions {
  /** Most items in one write. */
  maxBatch: number;
  /** Writes under way at once; items arriving meanwhile wait for the next free one. */
  maxInFlight: number;
}

interface Waiting<In, Out> {
  item: In;
  resolve(out: Out): void;
  reject(err: unknown): void;
}

/**
 * Wraps `write`, which takes several items and answers each (an array of the same length, in the
 * same order), into a function of one item.
 */
export function groupCommit<In, Out>(
  write: (items: readonly In[]) => Promise<readonly Out[]>,
  options: GroupCommitOptions,
): (item: In) => Promise<Out> {
  const waiting: Waiting<In, Out>[] = [];
  let inFlight = 0;
  let startScheduled = false;

  const startWrites = () => {
    startScheduled = false;
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      inFlight++;
      void runBatch(batch).finally(() => {
        inFlight--;
        startWrites();
      });
    }
  };

  const writeAll = async (batch: Waiting<In, Out>[]) => {
    const answers = await write(batch.map((w) => w.item));
    if (answers.length !== batch.length)
      throw new Error(`group commit: ${answers.length} answers for ${batch.length} items`);
    batch.forEach((w, i) => w.resolve(answers[i]!));
  };

  const runBatch = async (batch: Waiting<In, Out>[]) => {
    try {
      await writeAll(batch);
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      for (const w of batch) await writeAll([w]).catch(w.reject);
    }
  };

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      // Calls made in the same turn of the event loop go together even when no write is under way.
      if (!startScheduled) {
        startScheduled = true;
        queueMicrotask(startWrites);
      }
    });
}

/**
 * One group-committed writer per `owner` (a database or queue client), made on first use: callers
 * writing through the same client share its batches, and another client (a test's own) gets its own.
 */
export function groupCommitPer<Owner extends object, In, Out>(
  writeFor: (owner: Owner) => (items: readonly In[]) => Promise<readonly Out[]>,
  options: GroupCommitOptions,
): (owner: Owner, item: In) => Promise<Out> {
  const writers = new WeakMap<Owner, (item: In) => Promise<Out>>();
  return (owner, item) => {
    let write = writers.get(owner);
    if (!write) writers.set(owner, (write = groupCommit(writeFor(owner), options)));
    return write(item);
  };
}
