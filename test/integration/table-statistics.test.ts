// Planner statistics where the database gathers none (decision 0095): PGlite always, PostgreSQL
// when autovacuum is off (as on the development machine). The probe table is this file's own.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyzeChangedTables, scheduleTableStatistics } from '../../src/db/table-statistics.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext({ seed: false });
  await t.ctx.db.prisma.$executeRaw`CREATE TABLE stats_probe (id int PRIMARY KEY, open boolean NOT NULL)`;
});
afterAll(async () => {
  await t.cleanup();
});

/** Rows written, and the counters flushed to the statistics at once rather than within a second. */
async function insertProbeRows(from: number, count: number) {
  await t.ctx.db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO stats_probe SELECT g, g % 10 = 0 FROM generate_series(${from}::int, ${from + count - 1}::int) g`;
    await tx.$queryRaw`SELECT pg_stat_force_next_flush()::text`;
  });
}

const probe = async () =>
  (
    await t.ctx.db.prisma.$queryRaw<{ rows: number; analyzed: boolean }[]>`
      SELECT c.reltuples::float8 AS rows, s.last_analyze IS NOT NULL AS analyzed
      FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = 'stats_probe'`
  )[0]!;

const selfAnalyzing = async () =>
  t.ctx.db.kind === 'postgres' &&
  (
    await t.ctx.db.prisma.$queryRaw<{ on: boolean }[]>`
      SELECT current_setting('autovacuum') = 'on' AND current_setting('track_counts') = 'on' AS on`
  )[0]!.on;

it('analyses the tables changed past autovacuum’s threshold, and only those', async () => {
  if (await selfAnalyzing()) {
    // A server whose autovacuum runs: left to it.
    expect(await analyzeChangedTables(t.ctx.db)).toEqual({ status: 'database-analyzes-itself' });
    return;
  }
  await insertProbeRows(1, 5000);
  expect(await probe()).toEqual({ rows: -1, analyzed: false });

  // Only the probe is looked at: the migrations' own writes may reach the statistics at any time.
  const analysedNow = async () => {
    const outcome = await analyzeChangedTables(t.ctx.db);
    expect(outcome.status).toBe('done');
    return outcome.status === 'done' && outcome.analyzed;
  };
  expect(await analysedNow()).toContain('stats_probe');
  expect(await probe()).toEqual({ rows: 5000, analyzed: true });

  // 400 more rows are under 50 + 10 % of 5,000: not yet; 200 after them are past it.
  await insertProbeRows(5001, 400);
  expect(await analysedNow()).not.toContain('stats_probe');
  expect((await probe()).rows).toBe(5000);
  await insertProbeRows(5401, 200);
  expect(await analysedNow()).toContain('stats_probe');
  expect((await probe()).rows).toBe(5600);
});

it('is a repeating job of the deadlines queue, every DATABASE_ANALYZE_INTERVAL_MS, and none at 0', async () => {
  const schedulers = async () =>
    (await t.ctx.queues.queue('deadlines').getJobSchedulers()).map((s) => [s.key, s.name, s.every]);
  await scheduleTableStatistics(t.ctx.queues, 60_000);
  await scheduleTableStatistics(t.ctx.queues, 60_000);
  expect(await schedulers()).toEqual([['table-statistics', 'db.analyze-tables', 60_000]]);
  await scheduleTableStatistics(t.ctx.queues, 0);
  expect(await schedulers()).toEqual([]);
  await scheduleTableStatistics(t.ctx.queues, 0);
});
