// What backup and restore read from PostgreSQL's own catalog, so a table added by a later migration
// is carried without any change here: the tables of the public schema and their columns, their
// foreign keys, and the sequences behind serial or identity columns.
import type { SqlConnection } from '../db/sql-connection.js';
import type { ForeignKey } from './table-order.js';

/** Prisma's record of applied migrations: described by the header, never copied as data. */
export const MIGRATIONS_TABLE = '_prisma_migrations';

export interface TableInfo {
  name: string;
  /** Stored columns in table order; generated columns are left out (the target computes them). */
  columns: string[];
}

/** A name put into SQL text: always quoted, so no table or column name can change the statement. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function listTables(conn: SqlConnection): Promise<TableInfo[]> {
  const rows = await conn.query<{ table_name: string; columns: string[] | null }>(
    `SELECT c.relname AS table_name,
            array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum IS NOT NULL) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attribute a
         ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition AND c.relname <> $1
      GROUP BY c.relname
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return rows.map((r) => ({ name: r.table_name, columns: r.columns ?? [] }));
}

export async function listForeignKeys(conn: SqlConnection): Promise<ForeignKey[]> {
  const rows = await conn.query<{
    table_name: string;
    columns: string[];
    referenced_table: string;
    referenced_columns: string[];
  }>(
    `SELECT src.relname AS table_name,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                   ORDER BY k.i) AS columns,
            dst.relname AS referenced_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                   ORDER BY k.i) AS referenced_columns
       FROM pg_constraint con
       JOIN pg_class src ON src.oid = con.conrelid
       JOIN pg_class dst ON dst.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = src.relnamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'
      ORDER BY src.relname, con.conname`,
  );
  return rows.map((r) => ({
    table: r.table_name,
    columns: r.columns,
    referencedTable: r.referenced_table,
    referencedColumns: r.referenced_columns,
  }));
}

/** Migrations Prisma finished and did not roll back, by name (their names sort by date). */
export async function listAppliedMigrations(conn: SqlConnection): Promise<string[]> {
  const exists = await conn.query<{ found: boolean }>(
    `SELECT to_regclass('public.${MIGRATIONS_TABLE}') IS NOT NULL AS found`,
  );
  if (!exists[0]?.found) return [];
  const rows = await conn.query<{ migration_name: string }>(
    `SELECT migration_name FROM ${quoteIdent(MIGRATIONS_TABLE)}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.migration_name);
}

export async function countRows(conn: SqlConnection, table: string): Promise<number> {
  const rows = await conn.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)}`);
  return rows[0]?.n ?? 0;
}

/**
 * Sets every sequence owned by a column of the public schema past the largest value restored, so
 * the next generated value does not collide with a restored row (none exists today; uuids are the
 * keys, but a later serial column must not break a restore).
 */
export async function resetSequences(conn: SqlConnection): Promise<number> {
  const owned = await conn.query<{ table_name: string; column_name: string; sequence: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name,
            pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) IS NOT NULL`,
  );
  for (const s of owned) {
    await conn.query(
      `SELECT setval($1::regclass, COALESCE(m, 1), m IS NOT NULL)
         FROM (SELECT max(${quoteIdent(s.column_name)})::bigint AS m FROM ${quoteIdent(s.table_name)}) t`,
      [s.sequence],
    );
  }
  return owned.length;
}
