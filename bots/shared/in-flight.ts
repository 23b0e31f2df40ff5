// The chat channels answer webhook events after the 200: on stop they wait for what is already
// being answered (a bounded time), so a restart does not cut a reply in half.
export interface InFlight {
  track(p: Promise<void>): Promise<void>;
  settle(timeoutMs: number): Promise<void>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<void>>();
  return {
    track(p) {
      running.add(p);
      void p.finally(() => running.delete(p));
      return p;
    },
    async settle(timeoutMs) {
      await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, timeoutMs))]);
    },
  };
}
