// Each new case is compared with its organisation's newest open cases (decision 0112). Read for
// every case, that list cost the database more than anything else a case does once thousands wait
// (a burst's backlog, issue 17), though between two cases it changes mostly by the cases this very
// process makes. So each process keeps the list per organisation and reads it again at most once
// per DIRECTORY_CACHE_CHECK_MS, the staleness every process already accepts for the directory
// (decision 0041); the cases it makes join the list at once, and a case it moves into or out of the
// open statuses drops the list. A change made elsewhere — another worker, the bot, SQL by hand — is
// seen within that time (decision 0114).
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/database.js';
import { findNewestOpenCaseIds, OPEN_CASES_COMPARED } from './open-cases.repository.js';

export interface OpenCaseIds {
  /** The organisation's newest open cases other than `exceptCaseId`, newest first, at most the limit. */
  list(organizationId: string, exceptCaseId: string): Promise<string[]>;
  /** A case this process made, once its insert is committed: it is open, and the newest. */
  opened(organizationId: string, caseId: string): void;
  /** This process changed the organisation's open cases otherwise: the next list reads them. */
  changed(organizationId: string): void;
}

export interface OpenCaseIdsOptions {
  /** The newest open cases, newest first; `exceptCaseId` null: all of them, up to `limit`. */
  read: (organizationId: string, exceptCaseId: string | null, limit: number) => Promise<string[]>;
  /** A list read this long ago is read again; 0: every list is read. */
  refreshMs: number;
  limit: number;
  now?: () => number;
}

interface ReadList {
  ids: readonly string[];
  /** When the read began: cases made before then are in `ids` (if among the newest). */
  readAt: number;
}

export function createOpenCaseIds(options: OpenCaseIdsOptions): OpenCaseIds {
  const { read, refreshMs, limit } = options;
  const now = options.now ?? (() => performance.now());
  const lists = new Map<string, ReadList>();
  const reading = new Map<string, Promise<ReadList | null>>();
  /** Cases made here, oldest first, with when they were noted: those the last read may lack. */
  const madeSince = new Map<string, { id: string; at: number }[]>();
  /** Bumped by `changed`: a read that began before it must not be kept. */
  const generations = new Map<string, number>();

  async function load(organizationId: string): Promise<ReadList | null> {
    const readAt = now();
    const generation = generations.get(organizationId) ?? 0;
    // One more than the limit: the case asking is among them, and is left out of its own list.
    const ids = await read(organizationId, null, limit + 1);
    if ((generations.get(organizationId) ?? 0) !== generation) return null;
    const list = { ids, readAt };
    lists.set(organizationId, list);
    const made = madeSince.get(organizationId)?.filter((m) => m.at >= readAt) ?? [];
    if (made.length) madeSince.set(organizationId, made);
    else madeSince.delete(organizationId);
    // Organisations with no new case for a while hold nothing: a health department's hundred
    // hospitals would otherwise keep a hundred lists of 2,000 ids.
    for (const [other, kept] of lists) {
      if (readAt - kept.readAt >= refreshMs) forget(other);
    }
    return list;
  }

  function forget(organizationId: string) {
    lists.delete(organizationId);
    madeSince.delete(organizationId);
  }

  function fresh(organizationId: string): Promise<ReadList | null> | ReadList {
    const kept = lists.get(organizationId);
    if (kept && now() - kept.readAt < refreshMs) return kept;
    let pending = reading.get(organizationId);
    if (!pending) {
      pending = load(organizationId).finally(() => reading.delete(organizationId));
      reading.set(organizationId, pending);
    }
    return pending;
  }

  return {
    async list(organizationId, exceptCaseId) {
      if (refreshMs === 0) return read(organizationId, exceptCaseId, limit);
      const kept = await fresh(organizationId);
      // Changed here while it was read: read exactly what is there now.
      if (!kept) return read(organizationId, exceptCaseId, limit);
      const ids: string[] = [];
      const made = madeSince.get(organizationId) ?? [];
      const seen = new Set<string>([exceptCaseId]);
      for (let i = made.length - 1; i >= 0 && ids.length < limit; i--) {
        const id = made[i]!.id;
        if (!seen.has(id)) ids.push(id);
        seen.add(id);
      }
      for (const id of kept.ids) {
        if (ids.length >= limit) break;
        if (!seen.has(id)) ids.push(id);
      }
      return ids;
    },
    opened(organizationId, caseId) {
      // Nothing kept, or nothing the next list will keep: it reads the case from the database.
      const kept = lists.get(organizationId);
      const current = kept !== undefined && now() - kept.readAt < refreshMs;
      if (refreshMs === 0 || (!current && !reading.has(organizationId))) return;
      const made = madeSince.get(organizationId);
      const note = { id: caseId, at: now() };
      if (made) made.push(note);
      else madeSince.set(organizationId, [note]);
    },
    changed(organizationId) {
      generations.set(organizationId, (generations.get(organizationId) ?? 0) + 1);
      forget(organizationId);
    },
  };
}

const perDatabase = new WeakMap<Db, OpenCaseIds>();

/** This process's list of open cases for the context's database. */
export function openCaseIdsOf(ctx: Pick<AppContext, 'db' | 'config'>): OpenCaseIds {
  const db = ctx.db.prisma;
  let kept = perDatabase.get(db);
  if (!kept) {
    kept = createOpenCaseIds({
      read: (organizationId, exceptCaseId, limit) =>
        findNewestOpenCaseIds(db, organizationId, exceptCaseId, limit),
      refreshMs: ctx.config.directoryCacheCheckMs,
      limit: OPEN_CASES_COMPARED,
    });
    perDatabase.set(db, kept);
  }
  return kept;
}
