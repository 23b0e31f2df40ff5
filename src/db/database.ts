// Opens the database: embedded PostgreSQL (PGlite) under DATA_DIR when DATABASE_URL is unset,
// PostgreSQL otherwise. Both go through Prisma driver adapters, so the same generated client and
// the same migrations serve both.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from './generated/client.js';
import type { ArrayType, EmbeddedDbReply, EmbeddedDbThreadData } from './embedded-db-messages.js';
import { embeddedStartParams } from './embedded-start-params.js';
import { DEFAULT_PREPARED_STATEMENTS, preparedStatementNames } from './prepared-statement-names.js';
import { registerDriverAdapter } from './raw-sql.js';
import { applyPendingMigrations, listMigrationNames } from './schema-engine.js';

export type { PrismaClient };
export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'embedded' | 'postgres';
  /** Applies pending migrations; returns their names. Cheap when nothing is pending. */
  migrate(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Embedded data directory; ignored with a URL. `memory://` keeps everything in memory (tests). */
  embeddedDir?: string;
  /**
   * Runs the embedded database in a worker thread, off the event loop that answers HTTP (the app;
   * docs/decisions/0064). A command-line run keeps it in-process: it has no
   * one to keep waiting, and a thread would only add start-up time.
   */
  embeddedThread?: boolean;
  /** The embedded database's shared_buffers (EMBEDDED_DB_SHARED_BUFFERS_MB). */
  embeddedSharedBuffersMb?: number;
  /**
   * How many distinct statement texts each PostgreSQL connection, or the embedded database's thread,
   * keeps prepared (DATABASE_PREPARED_STATEMENTS; 0 prepares none, as behind a pooler that cannot
   * keep them; decisions 0090, 0105).
   */
  preparedStatements?: number;
}

interface Driver {
  factory: SqlMigrationAwareDriverAdapterFactory;
  kind: Database['kind'];
  /** What follows migrations the schema engine applied here: statements prepared before them go. */
  afterMigrations?: () => Promise<void>;
  /** Set when the driver migrates by itself (the thread); otherwise the schema engine runs here. */
  migrate?: () => Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  // Each driver is imported only when chosen: a command on PostgreSQL never loads PGlite's
  // WebAssembly, and the app with the database in a thread runs it there only.
  const driver = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.preparedStatements ?? DEFAULT_PREPARED_STATEMENTS)
    : options.embeddedThread && !(options.embeddedDir ?? 'memory://').startsWith('memory://')
      ? await openEmbeddedThread(
          options.embeddedDir!,
          options.embeddedSharedBuffersMb ?? 16,
          options.preparedStatements ?? DEFAULT_PREPARED_STATEMENTS,
        )
      : await openEmbeddedInProcess(
          options.embeddedDir ?? 'memory://',
          options.embeddedSharedBuffersMb ?? 16,
          options.preparedStatements ?? DEFAULT_PREPARED_STATEMENTS,
        );
  // 'minimal', as Prisma chooses itself under NODE_ENV=production (the Docker image): otherwise it
  // makes an Error at every call, to name the caller's line should the query fail, 1–2 % of the
  // intake worker's CPU. Our code reads Prisma's errors by their code, never by their text.
  const prisma = new PrismaClient({ adapter: driver.factory, errorFormat: 'minimal' });
  // The hot statements' way past the client's runtime (decision 0106): an adapter of the same
  // factory, on the same pool or PGlite.
  const rawAdapter = await driver.factory.connect();
  registerDriverAdapter(prisma, rawAdapter);

  return {
    prisma,
    kind: driver.kind,
    async migrate() {
      if (driver.migrate) return driver.migrate();
      if (!(await hasPendingMigrations(prisma))) return [];
      const applied = await applyPendingMigrations(driver.factory);
      await driver.afterMigrations?.();
      return applied;
    },
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
      await rawAdapter.dispose();
      await driver.close();
    },
  };
}

async function openPostgres(connectionString: string, preparedStatements: number): Promise<Driver> {
  const [{ PrismaPg }, { newPostgresPool }] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('./postgres-pool.js'),
  ]);
  // The pool is this module's, so that Prisma's client and the hot statements' adapter (0106) share
  // its ten connections.
  const pool = newPostgresPool(connectionString);
  const factory = new PrismaPg(
    pool,
    preparedStatements > 0 ? { statementNameGenerator: preparedStatementNames(preparedStatements) } : {},
  );
  return { factory, kind: 'postgres', close: () => pool.end() };
}

async function openEmbeddedInProcess(
  dir: string,
  sharedBuffersMb: number,
  preparedStatements: number,
): Promise<Driver> {
  const [{ PGlite }, { PrismaPGlite }, { preparedStatementsOf, withPreparedStatements }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
    import('./pglite-prepared.js'),
  ]);
  if (!dir.startsWith('memory://')) await mkdir(path.dirname(dir), { recursive: true });
  const pglite = new PGlite(dir, { startParams: embeddedStartParams(PGlite, sharedBuffersMb) });
  await pglite.waitReady;
  const statements = preparedStatementsOf(pglite, preparedStatements);
  return {
    factory: new PrismaPGlite(withPreparedStatements(pglite, statements)),
    kind: 'embedded',
    afterMigrations: () => statements.forget(),
    close: () => pglite.close(),
  };
}

async function openEmbeddedThread(
  dir: string,
  sharedBuffersMb: number,
  preparedStatements: number,
): Promise<Driver> {
  const [{ Worker }, { PrismaPGlite }, { PGliteThreadClient }] = await Promise.all([
    import('node:worker_threads'),
    import('pglite-prisma-adapter'),
    import('./pglite-thread-client.js'),
  ]);
  await mkdir(path.dirname(dir), { recursive: true });
  const data: EmbeddedDbThreadData = { dataDir: dir, sharedBuffersMb, preparedStatements };
  // The thread's module sits next to this one: .js in dist/, .ts when the sources run (vitest, tsx
  // benchmarks). A worker does not inherit tsx's loader, so there it registers it itself first.
  const entry = new URL(
    `./embedded-db-thread${path.extname(fileURLToPath(import.meta.url))}`,
    import.meta.url,
  );
  const worker: Worker = entry.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
          `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true, workerData: data },
      )
    : new Worker(entry, { workerData: data });
  let lastError: Error | undefined;
  let closing = true; // until it is ready, a failed start is the caller's error, not a crash
  worker.on('error', (err) => (lastError = err));
  worker.on('exit', (code) => {
    if (closing) return;
    // Without its database the app could acknowledge nothing; a process that stops can be
    // restarted by whoever started it, one that stays up answering 503 cannot.
    setImmediate(() => {
      throw new Error(
        `the embedded database thread stopped (exit code ${code}): ${lastError?.message ?? ''}`,
      );
    });
  });
  const arrayTypes = await new Promise<ArrayType[]>((resolve, reject) => {
    const onMessage = (reply: EmbeddedDbReply) => {
      if (!('ready' in reply) && !('startFailed' in reply)) return;
      done();
      if ('ready' in reply) resolve(reply.arrayTypes);
      else reject(new Error(`embedded database (start): ${reply.startFailed}`));
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the embedded database thread exited with code ${code}: ${lastError?.message ?? ''}`));
    };
    const done = () => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('exit', onExit);
  });
  closing = false;
  const client = new PGliteThreadClient(worker, arrayTypes);
  return {
    factory: new PrismaPGlite(client.asPGlite()),
    kind: 'embedded',
    migrate: () => client.migrate(),
    async close() {
      closing = true;
      await client.close();
      await worker.terminate();
    },
  };
}

// Loading the schema engine costs seconds; a plain look at Prisma's own table tells whether it is
// needed at all, and the migrations' names (not their SQL) are all it has to compare.
async function hasPendingMigrations(prisma: PrismaClient): Promise<boolean> {
  const wanted = await listMigrationNames();
  let applied: string[];
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    applied = rows.map((r) => r.migration_name);
  } catch {
    return true;
  }
  return wanted.some((name) => !applied.includes(name));
}
