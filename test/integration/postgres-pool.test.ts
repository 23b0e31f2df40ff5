// A PostgreSQL server may end an idle connection at any time (a restart, an administrator, a
// dropped database). The app's pool must drop it and go on, never end the process (postgres-pool.ts).
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { newPostgresPool } from '../../src/db/postgres-pool.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';

describe.skipIf(!usingPostgres())('the PostgreSQL pool', () => {
  it('outlives the server ending an idle connection, and opens another for the next query', async () => {
    const site = await createEmptyPostgresDatabase();
    const pool = newPostgresPool(site.url);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    try {
      await pool.query('SELECT 1');
      expect(pool.idleCount).toBe(1);
      const dropped = new Promise((resolve) => pool.once('remove', resolve));
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
        new URL(site.url).pathname.slice(1),
      ]);
      // Without the pool's own listener, the 'error' that follows is an uncaught exception here.
      await dropped;
      expect((await pool.query<{ two: number }>('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    } finally {
      await pool.end();
      await admin.end();
      await site.drop();
    }
  });
});
