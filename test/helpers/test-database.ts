// A fresh, migrated database per test file: an in-memory PGlite by default, or a throw-away
// PostgreSQL database created next to DATABASE_URL when it is set (CI runs both).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';

export interface TestDatabase {
  db: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

export function usingPostgres(): boolean {
  return !!process.env.DATABASE_URL;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const db = await openDatabase({ embeddedDir: 'memory://' });
    await db.migrate();
    return { db, url: undefined, drop: () => db.close() };
  }
  const name = `ln_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  await db.migrate();
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A database name for a test that starts the app itself against PostgreSQL. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL!;
  const name = `ln_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A site for a test that starts the app or the CLI itself: its DATA_DIR under `workDir`, and a
 * fresh PostgreSQL database when DATABASE_URL is set (dropped by the cleanups), else none.
 */
export async function createScratchSite(
  workDir: string,
  name: string,
  cleanups: (() => Promise<unknown>)[],
): Promise<{ dataDir: string; databaseUrl: string | undefined }> {
  const dataDir = path.join(workDir, name);
  if (!usingPostgres()) return { dataDir, databaseUrl: undefined };
  const db = await createEmptyPostgresDatabase();
  cleanups.push(db.drop);
  return { dataDir, databaseUrl: db.url };
}
