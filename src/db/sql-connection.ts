// One plain SQL connection to either database, for the work Prisma's client is not made for:
// backup and restore stream whole tables through a cursor inside one explicit transaction, with
// table names that are only known at run time (docs/decisions/0022).
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface SqlConnection {
  kind: 'embedded' | 'postgres';
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
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
      close: () => client.end(),
    };
  }
  const pglite = new PGlite(path.join(options.dataDir, 'pgdata'));
  await pglite.waitReady;
  return {
    kind: 'embedded',
    async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await pglite.query<R>(sql, params)).rows;
    },
    close: () => pglite.close(),
  };
}
