// npm run bench:reports [-- --count 1000000 --runs 3]
// On PostgreSQL only (DATABASE_URL): fills a scratch database (created next to DATABASE_URL,
// dropped afterwards) with `count` cases and their clocks by INSERT … SELECT generate_series —
// the real tables, through the real migrations — then times a yearly buildPeriodicReport of the
// managing body (syt-hcm, summing its subordinate organisations) against a sequential-scan
// count(*) of the same table, and prints both medians and the ratio (target ≤ 3), every run, and the
// plan of each: the count is a sequential scan (parallel when PostgreSQL chooses it), the report's
// statements index-only scans of cases_report_idx (decision 0063), one per organisation and stretch
// of time with the duty shifts read once (decision 0072); and the report's parts, each timed alone.
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { AppContext } from '../src/app-context.js';
import { toDbDate, toVietnamDate } from '../src/calendar/local-date.js';
import { createConfig } from '../src/config/config.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { seedSampleDirectory } from '../src/directory/seed-sample-directory.js';
import { buildPeriodicReport, organizationSubtree } from '../src/reports/periodic/build-report.js';
import {
  aggregateCaseFigures,
  caseFiguresStatements,
  countHotlineDuty,
  listAllOrganizations,
  listOverdueCases,
  STATEMENTS_AT_ONCE,
} from '../src/reports/periodic/periodic-report.repository.js';
import { previousPeriod, parseReportPeriod } from '../src/reports/periodic/report-period.js';
import { createTestDatabase } from '../test/helpers/test-database.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' },
    year: { type: 'string', default: '2025' },
  },
});
const COUNT = Number(values.count);
const RUNS = Number(values.runs);
const YEAR = Number(values.year);
if (!process.env.DATABASE_URL) {
  console.error(
    'bench:reports needs PostgreSQL: set DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test).',
  );
  process.exit(2);
}
if (!Number.isInteger(COUNT) || COUNT < 1 || !Number.isInteger(RUNS) || RUNS < 1) {
  console.error('--count and --runs must be positive integers.');
  process.exit(2);
}

interface PlanNode {
  'Node Type': string;
  'Parallel Aware'?: boolean;
  'Index Name'?: string;
  'Heap Fetches'?: number;
  'Actual Rows'?: number;
  'Workers Launched'?: number;
  'Parent Relationship'?: string;
  Strategy?: string;
  'Partial Mode'?: string;
  Plans?: PlanNode[];
}
/** The plan's nodes, outermost first (subplans in brackets), with what says how a table was read. */
function planShape(node: PlanNode): string {
  const strategy = node.Strategy && node.Strategy !== 'Plain' ? `${node.Strategy} ` : '';
  const partial = node['Partial Mode'] && node['Partial Mode'] !== 'Simple' ? `${node['Partial Mode']} ` : '';
  const name = `${node['Parallel Aware'] ? 'Parallel ' : ''}${partial}${strategy}${node['Node Type']}`;
  const facts = [
    node['Index Name'] && `on ${node['Index Name']}`,
    node['Workers Launched'] !== undefined && `${node['Workers Launched']} workers`,
    node['Heap Fetches'] !== undefined && `${node['Heap Fetches']} heap fetches`,
    /Scan/.test(node['Node Type']) && `${node['Actual Rows']} rows`,
  ].filter(Boolean);
  const here = facts.length ? `${name} (${facts.join(', ')})` : name;
  const isSubplan = (p: PlanNode) => /SubPlan|InitPlan/.test(p['Parent Relationship'] ?? '');
  const [first, ...rest] = (node.Plans ?? []).filter((p) => !isSubplan(p));
  const side = [...rest, ...(node.Plans ?? []).filter(isSubplan)].map((p) => ` [${planShape(p)}]`).join('');
  return first ? `${here}${side} > ${planShape(first)}` : here;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const { db, url, drop } = await createTestDatabase();
const client = new pg.Client({ connectionString: url });
await client.connect();
async function explain(sql: string, params: unknown[]): Promise<PlanNode> {
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
    params,
  );
  return rows[0]!['QUERY PLAN'][0].Plan;
}
try {
  await seedSampleDirectory(db.prisma);
  const t0 = performance.now();
  // 16 months of cases (the year and the 4 months before it, so the previous period has figures
  // too) spread over every organisation and its units, with every kind, channel, status and outcome.
  // Like a real table, nearly all of them have ended: only the newest are still open.
  await client.query(
    `WITH u AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg("organizationId" ORDER BY code) AS orgs FROM units),
     k AS (SELECT enum_range(NULL::"CaseKind") AS kinds, enum_range(NULL::"Channel") AS channels,
                  enum_range(NULL::"Outcome") AS outcomes)
     INSERT INTO cases (id, code, "organizationId", "unitId", kind, audience, channel, status, urgency,
                        "identityMode", description, outcome, satisfaction, "receivedAt", "resolvedAt",
                        "governingClockKind", "governingDueOn", "answeredDueOn", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'B' || lpad(to_hex(g), 8, '0'), u.orgs[1 + g % cardinality(u.ids)], u.ids[1 + g % cardinality(u.ids)],
            k.kinds[1 + (g / 7) % cardinality(k.kinds)],
            (CASE WHEN g % 19 = 0 THEN 'staff' ELSE 'citizen' END)::"Audience",
            k.channels[1 + (g / 3) % cardinality(k.channels)],
            st.status,
            (CASE WHEN g % 23 = 0 THEN 'urgent' ELSE 'normal' END)::"Urgency",
            'anonymous', 'Phản ánh thử',
            CASE WHEN g % 4 = 0 THEN NULL ELSE k.outcomes[1 + (g / 5) % cardinality(k.outcomes)] END,
            CASE WHEN g % 3 = 0 THEN 1 + g % 5 ELSE NULL END,
            r.at, r.at + interval '9 days', 'internal_answer', (r.at + interval '15 days')::date,
            -- As the lifecycle keeps it when a case is answered (resolved or closed): the due date of
            -- the one clock counting then, the internal_answer clock below (stopped at the answer).
            CASE WHEN st.status IN ('resolved', 'closed') THEN (r.at + interval '15 days')::date END,
            r.at, r.at
     FROM generate_series(1, $1::int) g, u, k,
          LATERAL (SELECT make_timestamp($2::int - 1, 9, 1, 0, 0, 0) + (g::float / $1 * 485) * interval '1 day' AS at) r,
          -- The newest 0.5% still open (and so overdue by now); the rest ended in every way a case ends.
          LATERAL (SELECT (CASE WHEN g > $1 * 0.995 THEN (ARRAY['received', 'accepted', 'assigned', 'in_progress'])[1 + g % 4]
                  ELSE (ARRAY['closed', 'closed', 'resolved', 'refused', 'forwarded', 'guided', 'withdrawn', 'merged'])[1 + (g / 11) % 8]
             END)::"CaseStatus" AS status) st`,
    [COUNT, YEAR],
  );
  await client.query(
    `INSERT INTO clocks (id, "caseId", kind, "ruleSetCode", "dayType", days, "startedOn", "dueOn", "originalDueOn", status, "stoppedAt", "updatedAt")
     SELECT gen_random_uuid(), c.id, 'internal_answer', 'bench', 'working', 10, c."receivedAt"::date, c."governingDueOn",
            c."governingDueOn", 'stopped', c."resolvedAt", c."receivedAt"
     FROM cases c`,
  );
  // A hotline on duty in office hours: one shift a day (07:00–17:00 Vietnam time) for each
  // organisation over the same months, so "in shift" looks hotline calls up among ~500 shifts of
  // their organisation, as it would in production, instead of in an empty table.
  await client.query(
    `WITH s AS (
       INSERT INTO staff (id, "organizationId", "fullName", "updatedAt")
       SELECT gen_random_uuid(), id, 'Trực ban', now() FROM organizations RETURNING id, "organizationId")
     INSERT INTO duty_shifts (id, "organizationId", "staffId", "startsAt", "endsAt")
     SELECT gen_random_uuid(), s."organizationId", s.id, d, d + interval '10 hours'
     FROM s, generate_series(make_timestamp($1::int - 1, 9, 1, 0, 0, 0), make_timestamp($1::int, 12, 31, 0, 0, 0), interval '1 day') d`,
    [YEAR],
  );
  // As autovacuum does after bulk writes in production: the statistics, and the visibility map
  // that lets the report's index-only scan skip the table (few heap fetches, printed below).
  await client.query('VACUUM ANALYZE');
  console.log(
    `${COUNT} cases, their clocks and daily duty shifts generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const ctx = {
    config: createConfig({ LOG_LEVEL: 'silent' }),
    logger: createLogger('silent'),
    clock: systemClock,
    db,
  } as unknown as AppContext;
  const period = parseReportPeriod(String(YEAR));
  const report = () => buildPeriodicReport(ctx, { organizationCode: 'syt-hcm', period });
  const seqCount = async () => {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_indexscan = off');
    await client.query('SET LOCAL enable_bitmapscan = off');
    await client.query('SET LOCAL enable_indexonlyscan = off');
    await client.query('SELECT count(*) FROM cases');
    await client.query('COMMIT');
  };
  // One warm-up of each, so both read from the same warm cache.
  await seqCount();
  await report();
  const counts: number[] = [];
  const reports: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    counts.push(await timed(seqCount));
    reports.push(await timed(report));
  }
  const c = median(counts);
  const r = median(reports);
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
  console.log(`sequential-scan count(*) of cases: ${c.toFixed(1)} ms (median of ${RUNS}: ${ms(counts)})`);
  console.log(
    `yearly report ${period.code} of syt-hcm: ${r.toFixed(1)} ms (median of ${RUNS}: ${ms(reports)})`,
  );
  console.log(`ratio report / count: ${(r / c).toFixed(2)} (target ≤ 3)`);

  // The report's parts, each alone (in the report they run at once): where its time goes.
  const all = await listAllOrganizations(db.prisma);
  const ids = organizationSubtree(all, all.find((o) => o.code === 'syt-hcm')!.id).map((o) => o.id);
  const asOf = toVietnamDate(new Date());
  const scope = { organizationIds: ids, period, previous: previousPeriod(period), asOf };
  const parts: Record<string, () => Promise<unknown>> = {
    'case figures': () =>
      aggregateCaseFigures(db.prisma, { ...scope, workMemMb: ctx.config.reportWorkMemMb }),
    'overdue list': () =>
      listOverdueCases(db.prisma, { organizationIds: ids, ...period, asOf: toDbDate(asOf) }),
    'hotline duty': () => countHotlineDuty(db.prisma, { organizationIds: ids, ...period }),
  };
  for (const [name, part] of Object.entries(parts)) {
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) xs.push(await timed(part));
    console.log(`  part ${name}: ${median(xs).toFixed(1)} ms (median of ${RUNS}: ${ms(xs)})`);
  }

  // What each side ran, so the ratio compares what the issue says.
  await client.query('BEGIN');
  await client.query('SET LOCAL enable_indexscan = off');
  await client.query('SET LOCAL enable_bitmapscan = off');
  await client.query('SET LOCAL enable_indexonlyscan = off');
  console.log(`count(*) plan: ${planShape(await explain('SELECT count(*) FROM cases', []))}`);
  await client.query('COMMIT');
  const statements = caseFiguresStatements(scope);
  console.log(
    `report: ${statements.length} statements (organisations × stretches of time), ${STATEMENTS_AT_ONCE} at once, each:`,
  );
  for (const s of statements) {
    await client.query('BEGIN');
    await client.query(`SET LOCAL work_mem = '${ctx.config.reportWorkMemMb}MB'`);
    console.log(`  ${planShape(await explain(s.sql, [...s.params]))}`);
    await client.query('COMMIT');
  }
} finally {
  await client.end();
  await drop();
}
