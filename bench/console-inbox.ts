// npm run bench:console [-- --count 100000 --runs 50]
// Times the web console's inbox on a large table: seeds `count` cases with one INSERT … SELECT
// generate_series into a scratch database (next to DATABASE_URL, dropped afterwards; embedded PGlite
// without it), then for a unit's handler and an organisation's leader prints p50/p99 of the inbox
// query (loadConsoleInbox: page + count), of the same with a search, and of the whole page
// (GET /console through Fastify, guard and rendering included).
import { parseArgs } from 'node:util';
import { addDays, toVietnamDate } from '../src/calendar/local-date.js';
import { loadConsoleInbox } from '../src/console/inbox/console-inbox.js';
import { createStaff } from '../src/directory/create-staff.js';
import { loadActiveStaff } from '../src/directory/resolve-staff.js';
import { buildHttpServer } from '../src/http/http-server.js';
import { consoleCookieFor } from '../test/helpers/console-session.js';
import { createTestContext } from '../test/helpers/test-context.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '100000' }, runs: { type: 'string', default: '50' } },
});
const COUNT = Number(values.count);
const RUNS = Number(values.runs);

const t = await createTestContext();
const label = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
try {
  const { prisma } = t.ctx.db;
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const today = toVietnamDate(new Date());
  const started = Date.now();
  // 80% in the hospital, a third of those in Khoa Nội; a third open; due dates ±90 days.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "cases" ("id","code","organizationId","unitId","kind","channel","status","identityMode",
       "description","searchText","governingClockKind","governingDueOn","receivedAt","createdAt","updatedAt")
     SELECT gen_random_uuid(), 'C' || lpad(to_hex(g), 8, '0'),
       CASE WHEN g % 5 = 0 THEN other.id ELSE $1::uuid END,
       CASE WHEN g % 5 = 0 THEN NULL WHEN g % 3 = 0 THEN noi.id ELSE (SELECT u.id FROM "units" u WHERE u."organizationId" = $1::uuid ORDER BY u.code OFFSET (g % 7) LIMIT 1) END,
       (ARRAY['feedback','report','petition','complaint','denunciation','praise'])[1 + g % 6]::"CaseKind",
       (ARRAY['telegram','zalo','web','hotline','api'])[1 + g % 5]::"Channel",
       (ARRAY['received','assigned','in_progress','resolved','closed','refused'])[1 + g % 6]::"CaseStatus",
       'anonymous', 'Phản ánh thử số ' || g || ' về thái độ phục vụ',
       'phan anh thu so ' || g || ' ve thai do phuc vu' || CASE WHEN g % 97 = 0 THEN ' thang may hong' ELSE '' END,
       'internal_answer', $2::date + ((g * 7919) % 180 - 90),
       now() - g * interval '1 minute', now() - g * interval '1 minute', now() - g * interval '1 minute'
     FROM generate_series(1, ${COUNT}) g,
       (SELECT id FROM "units" WHERE code = 'ta-knoi') noi,
       (SELECT id FROM "organizations" WHERE code <> 'ttyt-thuan-an' ORDER BY code LIMIT 1) other`,
    org.id,
    addDays(today, 0),
  );
  const insertMs = Date.now() - started;
  if (process.env.DATABASE_URL) await prisma.$executeRawUnsafe('ANALYZE "cases"');

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
  const app = await buildHttpServer(t.ctx, t.redis, [], () => 'http://localhost', [], {});
  console.log(`${label}: ${COUNT} cases inserted in ${(insertMs / 1000).toFixed(1)} s; ${RUNS} runs each`);
  console.log('viewer    visible   query p50/p99      search p50/p99     page p50/p99');
  for (const [name, id] of [
    ['handler', handler.id],
    ['leader', leader.id],
  ] as const) {
    const staff = await loadActiveStaff(t.ctx, id);
    const { cookie } = await consoleCookieFor(t.ctx, id);
    const visible = (await loadConsoleInbox(t.ctx, staff, {})).total;
    const query = await percentiles(() => loadConsoleInbox(t.ctx, staff, {}));
    const search = await percentiles(() => loadConsoleInbox(t.ctx, staff, { q: 'thang may', status: 'all' }));
    const page = await percentiles(async () => {
      const res = await app.inject({ method: 'GET', url: '/console', headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`GET /console: ${res.statusCode}`);
    });
    console.log(`${name.padEnd(9)} ${String(visible).padStart(7)}   ${query}   ${search}   ${page}`);
  }
  await app.close();
} finally {
  await t.cleanup();
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
