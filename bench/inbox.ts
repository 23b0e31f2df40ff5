// npm run bench:inbox [-- --count 100000 --explain]
// Times the /hopthu query (case-inbox-scope.ts) on a large table: inserts `count` cases into a
// fresh database (embedded PGlite in memory, or a scratch database next to DATABASE_URL, dropped
// afterwards), then for a unit's handler, an organisation-wide receiver and a leader prints the
// median time of the first page, of the count, and of a page deep in the list by cursor.
// --explain also prints the PostgreSQL plan of each first and deep page.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { addDays, toDbDate, toVietnamDate } from '../src/calendar/local-date.js';
import {
  NO_INBOX_FILTERS,
  inboxCursorOf,
  inboxQuery,
  type InboxQuery,
} from '../src/cases/case-inbox-scope.js';
import { countInboxCases, findInboxCases } from '../src/cases/case-inbox.repository.js';
import type { StaffPrincipal } from '../src/cases/case-permissions.js';
import { OPEN_STATUSES } from '../src/cases/case-vocabulary.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '../src/db/generated/client.js';
import { seedSampleDirectory } from '../src/directory/seed-sample-directory.js';
import { createTestDatabase } from '../test/helpers/test-database.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '100000' }, explain: { type: 'boolean', default: false } },
});
const COUNT = Number(values.count);
const PAGE = 21;
const RUNS = 7;

// The tests' scratch database: migrated, in memory or next to DATABASE_URL, dropped by `drop`.
const { db, url: databaseUrl, drop } = await createTestDatabase();
const label = databaseUrl ? `PostgreSQL (${new URL(databaseUrl).pathname.slice(1)})` : 'embedded PGlite';
let logging: PrismaClient | undefined;
try {
  await seedSampleDirectory(db.prisma);
  const { prisma } = db;
  const org = await prisma.organization.findUniqueOrThrow({
    where: { code: 'ttyt-thuan-an' },
    include: { units: true },
  });
  const others = await prisma.organization.findMany({
    where: { id: { not: org.id } },
    include: { units: true },
  });
  const managingBody = await prisma.organization.findUniqueOrThrow({ where: { code: 'syt-hcm' } });
  const busyUnit = org.units.find((u) => u.code === 'ta-knhi')!;
  const today = toVietnamDate(new Date());

  // Deterministic spread: 80% in the hospital (a third of those in the busy unit), the rest
  // elsewhere; a third open; due dates ±90 days; a few referrals by competence.
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const started = Date.now();
  const BATCH = 5000;
  for (let done = 0; done < COUNT; done += BATCH) {
    const rows: Prisma.CaseCreateManyInput[] = [];
    for (let i = done; i < Math.min(COUNT, done + BATCH); i++) {
      const home = rand() < 0.8;
      const o = home ? org : others[Math.floor(rand() * others.length)]!;
      const unit = home && rand() < 0.33 ? busyUnit : o.units[Math.floor(rand() * o.units.length)];
      const open = rand() < 0.33;
      const status = open
        ? OPEN_STATUSES[Math.floor(rand() * OPEN_STATUSES.length)]!
        : (['resolved', 'closed', 'refused', 'forwarded'] as const)[Math.floor(rand() * 4)]!;
      const r = rand();
      rows.push({
        code: `B${i.toString(36).toUpperCase().padStart(6, '0')}`,
        organizationId: o.id,
        unitId: unit?.id ?? null,
        kind: 'report',
        channel: 'web',
        identityMode: 'anonymous',
        description: 'Phản ánh thử',
        status,
        governingClockKind: open ? 'internal_answer' : null,
        governingDueOn:
          open && rand() > 0.05 ? toDbDate(addDays(today, Math.floor(rand() * 180) - 90)) : null,
        ...(r < 0.01
          ? { competenceLevel: 'organization' as const, accusedUnitId: unit?.id ?? null }
          : r < 0.015
            ? { competenceLevel: 'managing_body' as const, referredToOrganizationId: o.parentId ?? null }
            : {}),
      });
    }
    await prisma.case.createMany({ data: rows });
  }
  const insertMs = Date.now() - started;
  if (label.startsWith('PostgreSQL')) await prisma.$executeRawUnsafe('ANALYZE "cases"');

  const viewers: [string, StaffPrincipal][] = [
    [
      'handler (ta-knhi)',
      { id: randomUuid(), organizationId: org.id, roles: [{ role: 'handler', unitId: busyUnit.id }] },
    ],
    [
      'receiver (org-wide)',
      { id: randomUuid(), organizationId: org.id, roles: [{ role: 'receiver', unitId: null }] },
    ],
    [
      'leader (org-wide)',
      { id: randomUuid(), organizationId: org.id, roles: [{ role: 'leader', unitId: null }] },
    ],
    [
      'leader (managing body)',
      { id: randomUuid(), organizationId: managingBody.id, roles: [{ role: 'leader', unitId: null }] },
    ],
  ];

  console.log(
    `${label}: ${COUNT} cases inserted in ${(insertMs / 1000).toFixed(1)} s; medians of ${RUNS} runs`,
  );
  console.log('viewer                    visible  first page  count     deep page (position)');
  for (const [name, staff] of viewers) {
    const first = inboxQuery(staff, NO_INBOX_FILTERS, today);
    const total = await countInboxCases(prisma, first);
    const position = Math.max(0, Math.floor(total * 0.8) - 1);
    const [anchor] = await findInboxCases(prisma, first, { take: 1, skip: position });
    const deep = anchor
      ? inboxQuery(staff, NO_INBOX_FILTERS, today, { direction: 'after', cursor: inboxCursorOf(anchor) })
      : first;
    const tFirst = await median(() => findInboxCases(prisma, first, { take: PAGE }));
    const tCount = await median(() => countInboxCases(prisma, first));
    const tDeep = await median(() => findInboxCases(prisma, deep, { take: PAGE }));
    console.log(
      `${name.padEnd(25)} ${String(total).padStart(7)}  ${ms(tFirst)}  ${ms(tCount)}  ${ms(tDeep)} (${position + 1})`,
    );
    if (values.explain) {
      await explain(`${name}, first page`, first);
      await explain(`${name}, deep page`, deep);
    }
  }
} finally {
  await logging?.$disconnect();
  await drop();
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

function ms(t: number): string {
  return `${t.toFixed(1).padStart(7)} ms`;
}

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/**
 * The PostgreSQL plan of the SQL Prisma sends for a page: captured from the query log of a second
 * client on the same database, then run under EXPLAIN ANALYZE with its parameters.
 */
async function explain(title: string, query: InboxQuery): Promise<void> {
  if (!databaseUrl) return;
  logging ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl }),
    log: [{ emit: 'event', level: 'query' }],
  });
  const seen: { query: string; params: string }[] = [];
  logging.$on('query' as never, (e: { query: string; params: string }) => seen.push(e));
  await findInboxCases(logging, query, { take: PAGE });
  const main = seen.find((q) => q.query.includes('"cases"'));
  if (!main) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF) ${main.query}`,
      JSON.parse(main.params) as unknown[],
    );
    console.log(`\n-- ${title}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  } finally {
    await client.end();
  }
}
