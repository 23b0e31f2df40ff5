// The directory read from memory (decision 0041): organisations and their settings, units, calendar
// days and routing rules change a few times a year and are read for every submission and case; so
// do the staff a case card goes to and their roles (decision 0117).
// Each process keeps what it read, per database client, and drops all of it when the directory's
// fingerprint changes. The fingerprint is one small query over those tables, made at most once per
// DIRECTORY_CACHE_CHECK_MS, so a change made anywhere — the CLI, another process, SQL by hand, a
// restore — is seen within that time; a change made through this process is seen at once.
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/database.js';

export interface DirectoryCache {
  /** The value of `key` as loaded since the last change; null (not found) is never kept. */
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Forgets everything at once: this process just changed the directory. */
  invalidate(): void;
}

/**
 * One number per table, changed by any insert, update or delete of a row, read in the transaction's
 * snapshot: a version seen is never older than the rows read after it.
 */
const FINGERPRINT_SQL = `SELECT concat_ws(':', ${[
  'organizations',
  'units',
  'calendar_days',
  'routing_rules',
  'staff',
  'staff_roles',
]
  .map((table) => `(SELECT count(*) || '.' || coalesce(sum(hashtext(t::text)), 0) FROM ${table} t)`)
  .join(', ')}) AS v`;

export async function readDirectoryFingerprint(db: Db): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ v: string }[]>(FINGERPRINT_SQL);
  return rows[0]?.v ?? '';
}

export function createDirectoryCache(options: {
  readVersion: () => Promise<string>;
  /** 0: nothing is kept, every read loads. */
  checkEveryMs: number;
  now?: () => number;
}): DirectoryCache {
  const now = options.now ?? (() => performance.now());
  const values = new Map<string, unknown>();
  let version: string | undefined;
  let checkedAt = -Infinity;
  let checking: Promise<void> | undefined;
  // A load that began before an invalidation must not store what it read.
  let generation = 0;

  const clear = () => {
    values.clear();
    generation++;
  };

  async function check(): Promise<void> {
    const startedAt = now();
    const seen = await options.readVersion();
    if (seen !== version) {
      version = seen;
      clear();
    }
    checkedAt = startedAt;
  }

  async function fresh(): Promise<void> {
    if (now() - checkedAt < options.checkEveryMs) return;
    checking ??= check().finally(() => {
      checking = undefined;
    });
    await checking;
  }

  return {
    async read<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (options.checkEveryMs === 0) return load();
      await fresh();
      if (values.has(key)) return values.get(key) as T;
      const loadedIn = generation;
      const value = await load();
      if (value !== null && value !== undefined && loadedIn === generation) values.set(key, value);
      return value;
    },
    invalidate() {
      clear();
      // The next read looks at the fingerprint again, so it is not compared with a stale one.
      checkedAt = -Infinity;
    },
  };
}

const caches = new WeakMap<Db, DirectoryCache>();

/** This process's cache for the context's database. */
export function directoryCache(ctx: Pick<AppContext, 'db' | 'config'>): DirectoryCache {
  const db = ctx.db.prisma;
  let cache = caches.get(db);
  if (!cache) {
    cache = createDirectoryCache({
      readVersion: () => readDirectoryFingerprint(db),
      checkEveryMs: ctx.config.directoryCacheCheckMs,
    });
    caches.set(db, cache);
  }
  return cache;
}

/**
 * `load`'s value from this process's cache when the context carries the app's settings (the app,
 * the workers); read afresh otherwise (the CLI's narrower contexts).
 */
export function readDirectory<T>(
  ctx: Pick<AppContext, 'db'> & Partial<Pick<AppContext, 'config'>>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  return ctx.config ? directoryCache({ db: ctx.db, config: ctx.config }).read(key, load) : load();
}

/**
 * For the writers of cached tables, which hold only the client: once `write` is done (or failed,
 * having perhaps written), this process's next read sees it.
 */
export async function changingDirectory<T>(db: unknown, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    caches.get(db as Db)?.invalidate();
  }
}
