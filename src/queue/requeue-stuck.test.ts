import type { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { requeueStuck } from './requeue-stuck.js';

type State = 'missing' | 'failed' | 'completed-before' | 'completed-after' | 'waiting' | 'active';

function fakeQueue(states: Map<string, State>, log: string[]) {
  const now = Date.now();
  // The job hash's two fields the sweep reads first, as BullMQ keeps them (requeue-stuck.ts).
  const hashOf = (id: string): (string | null)[] => {
    const state = states.get(id) ?? 'missing';
    if (state === 'missing') return [null, null];
    const finished = state === 'failed' || state.startsWith('completed');
    return [String(now - 120_000), finished ? String(now) : null];
  };
  return {
    toKey: (id: string) => `q:${id}`,
    getBackend: () => ({
      client: Promise.resolve({
        pipeline() {
          const keys: string[] = [];
          const pipeline = {
            hmget(key: string) {
              keys.push(key);
              return pipeline;
            },
            exec: async () => keys.map((k) => [null, hashOf(k.slice(2))]),
          };
          return pipeline;
        },
      }),
    }),
    async getJob(id: string) {
      log.push(`look ${id}`);
      const state = states.get(id) ?? 'missing';
      if (state === 'missing') return undefined;
      return {
        finishedOn:
          state === 'completed-before'
            ? now - 60_000
            : state === 'completed-after'
              ? now + 60_000
              : undefined,
        getState: async () => (state.startsWith('completed') ? 'completed' : state),
        retry: async () => void log.push(`retry ${id}`),
        remove: async () => void log.push(`remove ${id}`),
      };
    },
  } as unknown as Queue;
}

describe('requeueStuck', () => {
  it('pages through every stuck row and unblocks each job by its state', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `r${String(i).padStart(3, '0')}`);
    const states = new Map<string, State>([
      ['r000', 'failed'],
      ['r001', 'completed-before'],
      ['r002', 'completed-after'],
      ['r003', 'waiting'],
      ['r004', 'active'],
    ]);
    const log: string[] = [];
    const result = await requeueStuck<{ id: string }>({
      queue: fakeQueue(states, log),
      page: async (after, take) =>
        ids
          .filter((id) => !after || id > after.id)
          .slice(0, take)
          .map((id) => ({ id })),
      jobId: ({ id }) => id,
      add: async ({ id }) => void log.push(`add ${id}`),
      pageSize: 200,
    });
    expect(result).toEqual({ seen: 450, requeued: 447 });
    const moves = log.filter((l) => !l.startsWith('look '));
    expect(moves.slice(0, 3)).toEqual(['retry r000', 'remove r001', 'add r001']);
    expect(moves).toContain('add r449');
    expect(moves.some((l) => /r00[234]/.test(l))).toBe(false);
    // A job still waiting or running is told apart by its hash alone, never looked up one by one.
    expect(log).not.toContain('look r003');
    expect(log).not.toContain('look r004');
    // A finished one is looked at, even when it finished after the row was read (r002).
    expect(log).toContain('look r002');
  });
});
