// npm run bench:console [-- --count 100000 --runs 40 --explain]
// Times the web console's inbox on a large table: seeds `count` cases with one INSERT … SELECT
// generate_series into a scratch database (next to DATABASE_URL, dropped afterwards; embedded PGlite
// without it), then for a unit's handler, a hospital's leader and the managing body's leader, and
// for each common filter, prints p50/p99 of the inbox query (loadConsoleInbox: page and count) and
// of the whole page (GET /console through Fastify with a session cookie: guard, query, rendering).
// --explain also prints EXPLAIN (ANALYZE, BUFFERS) of every SQL statement of one inbox query per
// role and filter (PostgreSQL only).
//
// The data: 73% of the cases in the hospital (a third of those in Khoa Nội), 18% in another
// hospital, 9% the managing body's own; one in 13 of the hospitals' cases referred up to the
// managing body; a fifth open (the rest resolved, closed or refused, due in the past), one in 53
// without a due date, one in 17 urgent, half of Khoa Nội's assigned ones assigned to the handler.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { toVietnamDate } from '../src/calendar/local-date.js';
import { loadConsoleInbox, type ConsoleInboxQuery } from '../src/console/inbox/console-inbox.js';
import { createStaff } from '../src/directory/create-staff.js';
import { loadActiveStaff } from '../src/directory/resolve-staff.js';
import { buildHttpServer } from '../src/http/http-server.js';
import { consoleCookieFor } from '../test/helpers/console-session.js';
import { createTestContext } from '../test/helpers/test-context.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '40' },
    explain: { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.count);
const RUNS = Number(values.runs);

// Every statement the Prisma adapter sends goes through pg.Client#query: kept while `capturing`.
const captured: { text: string; values: unknown[] }[] = [];
let capturing = false;
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [config, params] = args as [unknown, unknown];
  if (capturing) {
    if (typeof config === 'string') captured.push({ text: config, values: (params as unknown[]) ?? [] });
    else if (config && typeof config === 'object' && 'text' in config) {
      const c = config as { text: string; values?: unknown[] };
      captured.push({ text: c.text, values: c.values ?? [] });
    }
  }
  return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

// The bench asks far more than a person would: no rate limit may answer 429 in its place.
const t = await createTestContext({ env: { RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000' } });
const label = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
try {
  const { prisma } = t.ctx.db;
  const handler = await createStaff(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    fullName: 'Bench handler',
    roles: [{ role: 'handler', unitCode: 'ta-knoi' }],
  });
  const leader = await createStaff(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    fullName: 'Bench leader',
    roles: [{ role: 'leader' }],
  });
  const bodyLeader = await createStaff(t.ctx, {
    organizationCode: 'syt-hcm',
    fullName: 'Bench managing body leader',
    roles: [{ role: 'leader' }],
  });
  const today = toVietnamDate(new Date());
  const started = Date.now();
  await prisma.$executeRawUnsafe(
    `INSERT INTO "cases" ("id","code","organizationId","unitId","assigneeId","kind","channel","status",
       "urgency","identityMode","description","searchText","governingClockKind","governingDueOn",
       "competenceLevel","referredToOrganizationId","receivedAt","createdAt","updatedAt")
     SELECT gen_random_uuid(), 'C' || lpad(to_hex(g), 8, '0'), o.org, o.unit,
       CASE WHEN o.unit = noi.id AND s.status IN ('assigned','in_progress') AND g % 2 = 0 THEN $2::uuid END,
       (ARRAY['feedback','report','petition','complaint','denunciation','praise'])[1 + g % 6]::"CaseKind",
       (ARRAY['telegram','zalo','web','hotline','api'])[1 + g % 5]::"Channel",
       s.status::"CaseStatus",
       CASE WHEN g % 17 = 0 THEN 'urgent' ELSE 'normal' END::"Urgency",
       'anonymous', 'Phản ánh thử số ' || g || ' về thái độ phục vụ',
       'phan anh thu so ' || g || ' ve thai do phuc vu' || CASE WHEN g % 97 = 0 THEN ' thang may hong' ELSE '' END,
       'internal_answer',
       CASE WHEN g % 53 = 0 THEN NULL
            WHEN s.open THEN $1::date + ((g / 20 * 7919) % 180 - 90)
            ELSE $1::date - 1 - ((g * 7919) % 900) END,
       CASE WHEN o.org <> body.id AND g % 13 = 0 THEN 'managing_body' END::"CompetenceLevel",
       CASE WHEN o.org <> body.id AND g % 13 = 0 THEN body.id END,
       now() - g * interval '1 minute', now() - g * interval '1 minute', now() - g * interval '1 minute'
     FROM generate_series(1, ${COUNT}) g
       CROSS JOIN (SELECT id FROM "units" WHERE code = 'ta-knoi') noi
       CROSS JOIN (SELECT id FROM "organizations" WHERE code = 'syt-hcm') body
       CROSS JOIN LATERAL (SELECT
         (ARRAY['received','accepted','assigned','in_progress','resolved','resolved','resolved',
                'resolved','resolved','resolved','closed','closed','closed','closed','closed','closed',
                'closed','closed','refused','refused'])[1 + g % 20] AS status,
         g % 20 < 4 AS open) s
       CROSS JOIN LATERAL (SELECT
         CASE WHEN g % 11 < 8 THEN (SELECT id FROM "organizations" WHERE code = 'ttyt-thuan-an')
              WHEN g % 11 < 10 THEN (SELECT id FROM "organizations" WHERE code = 'ttyt-hoai-nhon')
              ELSE body.id END AS org,
         CASE WHEN g % 11 >= 8 THEN NULL WHEN g % 3 = 0 THEN noi.id
              ELSE (SELECT u.id FROM "units" u JOIN "organizations" o ON o.id = u."organizationId"
                    WHERE o.code = 'ttyt-thuan-an' ORDER BY u.code OFFSET (g % 7) LIMIT 1) END AS unit) o`,
    today,
    handler.id,
  );
  const insertMs = Date.now() - started;
  if (process.env.DATABASE_URL) await prisma.$executeRawUnsafe('ANALYZE "cases"');

  const app = await buildHttpServer(t.ctx, t.redis, [], () => 'http://localhost', [], {});
  console.log(`${label}: ${COUNT} cases inserted in ${(insertMs / 1000).toFixed(1)} s; ${RUNS} runs each`);
  console.log('viewer        filter       rows    query p50/p99       page p50/p99');
  const filters: [string, ConsoleInboxQuery][] = [
    ['none', {}],
    ['overdue', { due: 'overdue' }],
    ['due soon', { due: 'due_soon' }],
    ['unassigned', { assignee: 'none' }],
    ['urgent', { urgent: '1' }],
    ['search', { q: 'thang máy', status: 'all' }],
    ['page 2', {}],
  ];
  for (const [name, id] of [
    ['handler', handler.id],
    ['leader', leader.id],
    ['managing body', bodyLeader.id],
  ] as const) {
    const staff = await loadActiveStaff(t.ctx, id);
    const { cookie } = await consoleCookieFor(t.ctx, id);
    for (const [filterName, base] of filters) {
      let query = base;
      if (filterName === 'page 2') {
        const first = await loadConsoleInbox(t.ctx, staff, {});
        if (!first.next) throw new Error('no second page');
        query = { after: first.next };
      }
      const shown = await loadConsoleInbox(t.ctx, staff, query);
      const url = `/console?${new URLSearchParams(query as Record<string, string>).toString()}`;
      const timedQuery = await percentiles(() => loadConsoleInbox(t.ctx, staff, query));
      const timedPage = await percentiles(async () => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
      });
      const rows = `${shown.rows.length}/${shown.total}${(shown as { totalCapped?: boolean }).totalCapped ? '+' : ''}`;
      console.log(
        `${name.padEnd(13)} ${filterName.padEnd(10)} ${rows.padStart(9)}   ${timedQuery}   ${timedPage}`,
      );
      if (values.explain && process.env.DATABASE_URL)
        await explain(() => loadConsoleInbox(t.ctx, staff, query));
    }
  }
  await app.close();
} finally {
  await t.cleanup();
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement `run` sends (transaction control left out). */
async function explain(run: () => Promise<unknown>): Promise<void> {
  captured.length = 0;
  capturing = true;
  await run();
  capturing = false;
  const statements = captured.filter((s) => /^\s*SELECT/i.test(s.text));
  const [current] = await t.ctx.db.prisma.$queryRawUnsafe<{ name: string }[]>(
    'SELECT current_database() AS name',
  );
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${current!.name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const s of statements) {
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`,
        s.values,
      );
      const lines = plan.rows.map((r) => r['QUERY PLAN']);
      console.log(`  ${s.text.replace(/\s+/g, ' ').slice(0, 160)}…`);
      for (const line of lines) console.log(`    ${line}`);
    }
  } finally {
    await client.end();
  }
}

async function percentiles(run: () => Promise<unknown>): Promise<string> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const at = performance.now();
    await run();
    times.push(performance.now() - at);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return `${at(0.5).toFixed(1).padStart(6)} / ${at(0.99).toFixed(1).padStart(6)} ms`;
}
