// The PostgreSQL pool that Prisma's client and the hot statements' adapter share (decision 0106).
import pg from 'pg';

/**
 * Ten connections; one that cannot be opened in 2 s fails instead of waiting for the whole outage,
 * so intake answers 503 "try again" quickly (decision 0019).
 *
 * The server may end an idle connection (a restart, an administrator, a dropped database): the
 * pool then discards it and emits 'error', and the next query opens another. An 'error' event
 * nobody listens to is an uncaught exception that ends the process, and the adapters listen only
 * while connected — not before the first query, nor while the database is being closed. So the
 * pool listens itself, for as long as it lives.
 */
export function newPostgresPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 2_000 });
  pool.on('error', () => {
    // Nothing to do: the connection is gone from the pool already.
  });
  return pool;
}
