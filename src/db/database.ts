// Opens the database: embedded PostgreSQL (PGlite) under DATA_DIR when DATABASE_URL is unset,
// PostgreSQL otherwise. Both go through Prisma driver adapters, so the same generated client and
// the same migrations serve both.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.js';
import { applyPendingMigrations, readMigrationList } from './schema-engine.js';

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
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  let kind: Database['kind'];
  if (options.databaseUrl) {
    // A connection that cannot be opened in 2 s fails instead of waiting for the whole outage:
    // intake answers 503 "try again" quickly (decision 0019).
    const pg = new PrismaPg({
      connectionString: options.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 2_000,
    });
    factory = pg;
    closeDriver = async () => {};
    kind = 'postgres';
  } else {
    const dir = options.embeddedDir ?? 'memory://';
    if (!dir.startsWith('memory://')) await mkdir(path.dirname(dir), { recursive: true });
    const pglite = new PGlite(dir);
    await pglite.waitReady;
    factory = new PrismaPGlite(pglite);
    closeDriver = () => pglite.close();
    kind = 'embedded';
  }
  const prisma = new PrismaClient({ adapter: factory });

  return {
    prisma,
    kind,
    async migrate() {
      if (!(await hasPendingMigrations(prisma))) return [];
      return applyPendingMigrations(factory);
    },
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

// Loading the schema engine costs seconds; a plain look at Prisma's own table tells whether it is
// needed at all.
async function hasPendingMigrations(prisma: PrismaClient): Promise<boolean> {
  const list = await readMigrationList();
  const wanted = list.migrationDirectories.map((d) => d.path);
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
