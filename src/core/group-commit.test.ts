import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.js';

/** A write whose batches are recorded and finished by the test. */
function controlledWrite() {
  const batches: { items: readonly number[]; finish(): void; fail(err: Error): void }[] = [];
  const write = (items: readonly number[]) =>
    new Promise<readonly string[]>((resolve, reject) => {
      batches.push({ items, finish: () => resolve(items.map((i) => `done ${i}`)), fail: reject });
    });
  return { batches, write };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('groupCommit', () => {
  it('writes a lone call at once, and the calls that came during a write together next', async () => {
    const { batches, write } = controlledWrite();
    const submit = groupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const first = submit(1);
    await settle();
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    const later = [submit(2), submit(3), submit(4)];
    await settle();
    expect(batches).toHaveLength(1);
    batches[0]!.finish();
    await expect(first).resolves.toBe('done 1');
    await settle();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.finish();
    await expect(Promise.all(later)).resolves.toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('keeps to maxBatch and maxInFlight', async () => {
    const { batches, write } = controlledWrite();
    const submit = groupCommit(write, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5].map((i) => submit(i));
    await settle();
    expect(batches.map((b) => b.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    batches[1]!.finish();
    await settle();
    expect(batches.map((b) => b.items)).toEqual([[1, 2], [3, 4], [5]]);
    batches[0]!.finish();
    batches[2]!.finish();
    await expect(Promise.all(all)).resolves.toEqual([1, 2, 3, 4, 5].map((i) => `done ${i}`));
  });

  it('writes a failed batch again one by one: only the bad item fails, and only for its caller', async () => {
    const written: (readonly number[])[] = [];
    const submit = groupCommit(
      async (items: readonly number[]) => {
        written.push(items);
        if (items.includes(2)) throw new Error(`bad item in ${items.join(',')}`);
        return items.map((i) => `done ${i}`);
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const calls = [submit(1), submit(2), submit(3)];
    await expect(calls[0]).resolves.toBe('done 1');
    await expect(calls[1]).rejects.toThrow('bad item in 2');
    await expect(calls[2]).resolves.toBe('done 3');
    expect(written).toEqual([[1, 2, 3], [1], [2], [3]]);
    await expect(submit(4)).resolves.toBe('done 4');
  });

  it('refuses a write that answers for fewer items than it was given', async () => {
    const submit = groupCommit(async (items: readonly number[]) => items.slice(1), {
      maxBatch: 10,
      maxInFlight: 1,
    });
    await expect(submit(1)).rejects.toThrow('0 answers for 1 items');
  });
});
