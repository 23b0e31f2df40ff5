// One plain SQL connection to either database, for the work Prisma's client is not made for:
// backup and restore stream whole tables through a cursor inside one explicit transaction, with
// table names that are only known at run time (docs/decisions/0022).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyPendingMigrations } from './schema-engine.js';

export interface SqlConnection {
  kind: 'embedded' | 'postgres';
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * Applies pending migrations (all, or `only` these) outside any transaction; returns their
   * names. On the same embedded database, not a second PGlite over the same files.
   */
  migrate(only?: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}

/** The same database openDatabase would open: DATABASE_URL, else the PGlite files in DATA_DIR. */
export async function openSqlConnection(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<SqlConnection> {
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    return {
      kind: 'postgres',
      async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
        return (await client.query<R>(sql, params)).rows;
      },
      async migrate(only) {
        // A pool of our own, ended here: the schema engine need not dispose of its adapter.
        const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
        try {
          return await applyPendingMigrations(new PrismaPg(pool), only);
        } finally {
          await pool.end();
        }
      },
      close: () => client.end(),
    };
  }
  await mkdir(options.dataDir, { recursive: true });
  const pglite = new PGlite(path.join(options.dataDir, 'pgdata'));
  await pglite.waitReady;
  return {
    kind: 'embedded',
    async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await pglite.query<R>(sql, params)).rows;
    },
    migrate: (only) => applyPendingMigrations(new PrismaPGlite(pglite), only),
    close: () => pglite.close(),
  };
}
