// The console's live feed: one poller per web process looks for cases changed since its last look
// (cases.updatedAt, indexed; every Prisma write of a case sets it, whichever process or worker made
// it) every CONSOLE_LIVE_POLL_MS, and only while someone listens. Each listener hears only about
// the cases its own visibility rule lets through (checked in SQL, one query per listener per tick
// with changes). No Redis pub/sub: the database is what every process already shares.
import type { AppContext } from '../../app-context.js';
import type { Prisma } from '../../db/generated/client.js';
import { filterVisibleCaseIds, findCasesChangedSince } from '../inbox/console-inbox.repository.js';

export interface LiveCaseEvent {
  code: string;
  /** Created after the listener connected (the inbox counts these in the page title). */
  isNew: boolean;
}

interface Listener {
  visible: Prisma.CaseWhereInput;
  since: Date;
  send(event: LiveCaseEvent): void;
}

/** A late commit can carry an earlier updatedAt than rows already seen: look back this far again. */
const OVERLAP_MS = 10_000;
const BATCH = 500;

export interface ConsoleLiveFeed {
  listen(visible: Prisma.CaseWhereInput, send: (event: LiveCaseEvent) => void): () => void;
  close(): void;
}

export function createConsoleLiveFeed(ctx: AppContext): ConsoleLiveFeed {
  const listeners = new Set<Listener>();
  let timer: NodeJS.Timeout | undefined;
  let since: Date | null = null;
  /** `${id}@${updatedAt}` seen in the overlap window, so a change is told once. */
  let seen = new Map<string, number>();
  let running = false;

  async function tick(): Promise<void> {
    if (running || listeners.size === 0) return;
    running = true;
    try {
      const from = since ?? new Date();
      const rows = await findCasesChangedSince(ctx.db.prisma, new Date(from.getTime() - OVERLAP_MS), BATCH);
      const fresh = rows.filter((r) => !seen.has(`${r.id}@${r.updatedAt.getTime()}`));
      for (const r of fresh) seen.set(`${r.id}@${r.updatedAt.getTime()}`, r.updatedAt.getTime());
      const newest = rows.at(-1)?.updatedAt;
      if (newest && newest > from) since = newest;
      const horizon = (since ?? from).getTime() - OVERLAP_MS;
      seen = new Map([...seen].filter(([, at]) => at >= horizon));
      if (fresh.length === 0) return;
      const ids = fresh.map((r) => r.id);
      for (const listener of listeners) {
        const visible = await filterVisibleCaseIds(ctx.db.prisma, ids, listener.visible);
        for (const r of fresh) {
          if (visible.has(r.id)) listener.send({ code: r.code, isNew: r.createdAt >= listener.since });
        }
      }
    } catch (err) {
      ctx.logger.warn({ err: { message: (err as Error).message } }, 'console live feed look failed');
    } finally {
      running = false;
    }
  }

  return {
    listen(visible, send) {
      // The first listener starts the clock at "now" as the database's newest change knows it.
      if (since === null) since = new Date();
      const listener: Listener = { visible, since: new Date(), send };
      listeners.add(listener);
      timer ??= setInterval(() => void tick(), ctx.config.console.livePollMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
          since = null;
          seen = new Map();
        }
      };
    },
    close() {
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
