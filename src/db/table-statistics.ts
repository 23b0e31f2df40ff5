// The planner's statistics, gathered when the database does not gather them itself (decision 0095).
// PGlite runs PostgreSQL single-user: it has no autovacuum launcher, though its setting reads 'on';
// a PostgreSQL server may run with autovacuum off. Without statistics the planner takes a table of
// 60,000 cases for an empty one, and the triage's open-cases read scans and sorts them all.
import type { JobQueues } from '../queue/job-queues.js';
import type { Database } from './database.js';

/** The job scheduler's id; one schedule however many worker processes start. */
const TABLE_STATISTICS_SCHEDULER = 'table-statistics';

/** What pg_stat_user_tables and pg_class tell of one table since its last ANALYZE. */
export interface TableActivity {
  table: string;
  /** Rows at the last ANALYZE or VACUUM (pg_class.reltuples; -1 for a table never analysed). */
  rowsAtLastAnalyze: number;
  /** Rows inserted, updated or deleted since then (pg_stat_user_tables.n_mod_since_analyze). */
  modifiedSinceAnalyze: number;
}

/** autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, as the database states them. */
export interface AnalyzeThreshold {
  base: number;
  scaleFactor: number;
}

/**
 * The tables autovacuum would analyse now: those changed by more than the threshold plus the scale
 * factor times their rows (PostgreSQL's own rule, with its own settings, so a DBA's tuning holds).
 */
export function tablesDueForAnalyze(tables: readonly TableActivity[], threshold: AnalyzeThreshold): string[] {
  return tables
    .filter(
      (t) =>
        t.modifiedSinceAnalyze > threshold.base + threshold.scaleFactor * Math.max(t.rowsAtLastAnalyze, 0),
    )
    .map((t) => t.table);
}

export type AnalyzeOutcome = { status: 'database-analyzes-itself' } | { status: 'done'; analyzed: string[] };

/**
 * Runs ANALYZE on this schema's tables that changed enough since their last one, unless the
 * database's autovacuum does it (a PostgreSQL server with autovacuum and track_counts on).
 */
export async function analyzeChangedTables(db: Pick<Database, 'prisma' | 'kind'>): Promise<AnalyzeOutcome> {
  const { prisma } = db;
  const [settings] = await prisma.$queryRaw<{ selfAnalyzing: boolean; base: number; scaleFactor: number }[]>`
    SELECT current_setting('autovacuum') = 'on' AND current_setting('track_counts') = 'on' AS "selfAnalyzing",
           current_setting('autovacuum_analyze_threshold')::float8 AS base,
           current_setting('autovacuum_analyze_scale_factor')::float8 AS "scaleFactor"`;
  if (db.kind === 'postgres' && settings!.selfAnalyzing) return { status: 'database-analyzes-itself' };
  const tables = await prisma.$queryRaw<TableActivity[]>`
    SELECT s.relname AS "table", c.reltuples::float8 AS "rowsAtLastAnalyze",
           s.n_mod_since_analyze::float8 AS "modifiedSinceAnalyze"
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema()
    ORDER BY s.relname`;
  const due = tablesDueForAnalyze(tables, settings!);
  // One statement per table: the embedded database's thread answers intake's statements between
  // them instead of after all of them.
  for (const table of due) await prisma.$executeRawUnsafe(`ANALYZE ${quoteIdentifier(table)}`);
  return { status: 'done', analyzed: due };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Every worker process calls this at start; 0 removes the schedule (DATABASE_ANALYZE_INTERVAL_MS). */
export async function scheduleTableStatistics(queues: JobQueues, intervalMs: number): Promise<void> {
  if (intervalMs > 0) {
    await queues.upsertScheduler(TABLE_STATISTICS_SCHEDULER, { every: intervalMs }, 'db.analyze-tables', {});
  } else {
    await queues.removeScheduler(TABLE_STATISTICS_SCHEDULER, 'db.analyze-tables');
  }
}
