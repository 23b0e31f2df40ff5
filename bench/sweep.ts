// npm run bench:sweep [-- --cases 100000,1000000]
// The deadline sweep (src/deadlines/sweep-milestones.ts, decision 0011) over many open cases with
// running clocks, on PostgreSQL (DATABASE_URL; a fresh database is created next to it and dropped).
// A few real cases are made through intake (so their clocks are what the app computes), then
// cloned in bulk with generate_series up to each size; the sweep then runs three times, all
// timed: nothing is due (every case started today), so the figures are the sweep's own reading
// and re-counting, the cost it pays every DEADLINE_SWEEP_INTERVAL_MS.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { AppContext } from '../src/app-context.js';
import { createConfig } from '../src/config/config.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { createSealedBox } from '../src/core/sealed-box.js';
import { openDatabase } from '../src/db/database.js';
import { sweepDeadlineMilestones } from '../src/deadlines/sweep-milestones.js';
import { seedSampleDirectory } from '../src/directory/seed-sample-directory.js';
import { processSubmission } from '../src/intake/process-submission.js';
import { submitSubmission } from '../src/intake/submit-submission.js';
import type { JobQueues } from '../src/queue/job-queues.js';
import { createEmptyPostgresDatabase } from '../test/helpers/test-database.js';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000,1000000' } } });
const SIZES = values.cases.split(',').map(Number);
if (!process.env.DATABASE_URL) throw new Error('bench:sweep runs on PostgreSQL: set DATABASE_URL');

const site = await createEmptyPostgresDatabase();
const db = await openDatabase({ databaseUrl: site.url });
try {
  await db.migrate();
  await seedSampleDirectory(db.prisma);
  const key = randomBytes(32);
  // Scheduling reminders is not what is measured: jobs are counted, not sent to Redis.
  let jobs = 0;
  const queues = {
    add: async () => String(jobs++),
    addMany: async (list: readonly unknown[]) => list.map(() => String(jobs++)),
    isConnected: () => true,
  } as unknown as JobQueues;
  const ctx: AppContext = {
    config: createConfig({
      ENCRYPTION_KEY: key.toString('base64'),
      DEFAULT_ORG_CODE: 'ttyt-thuan-an',
      LOG_LEVEL: 'silent',
    }),
    logger: createLogger('silent'),
    clock: systemClock,
    db,
    queues,
    sealedBox: createSealedBox(key),
  };

  // Templates: one case of each kind, in two organisations' units.
  const templates: string[] = [];
  for (const [i, kind] of (['report', 'complaint', 'denunciation', 'petition'] as const).entries()) {
    for (const unitCode of ['ta-kduoc', 'ta-knhi']) {
      const submissionId = `sweep-template-${kind}-${unitCode}-${i}`;
      await submitSubmission(ctx, {
        submissionId,
        channel: 'api',
        kind,
        text: 'Mẫu hồ sơ cho phép đo quét hạn.',
        unitCode,
        contact: { name: 'Người gửi mẫu', phone: '0900000000' },
      } as never);
      templates.push((await processSubmission(ctx, submissionId)).caseId);
    }
  }
  const caseColumns = await columnsOf('cases');
  const clockColumns = await columnsOf('clocks');
  let made = 0;
  for (const size of SIZES) {
    const t0 = performance.now();
    await db.prisma.$executeRawUnsafe(
      `
      CREATE TEMP TABLE IF NOT EXISTS sweep_templates AS
        SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM cases WHERE id = ANY($1::uuid[])`,
      templates,
    );
    // Cases and their clocks cloned from the templates, ids made from the row number.
    const caseId = `md5('sweep-case-' || g)::uuid`;
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO cases (${caseColumns.map(quote).join(', ')})
      SELECT ${caseColumns
        .map((c) =>
          c === 'id' ? caseId : c === 'code' ? `'SW' || g` : c === 'submissionId' ? 'NULL' : `c.${quote(c)}`,
        )
        .join(', ')}
        FROM generate_series(${made + 1}, ${size}) g
        JOIN sweep_templates t ON t.n = g % ${templates.length}
        JOIN cases c ON c.id = t.id`);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO clocks (${clockColumns.map(quote).join(', ')})
      SELECT ${clockColumns
        .map((c) =>
          c === 'id' ? `md5('sweep-clock-' || g || k.kind)::uuid` : c === 'caseId' ? caseId : `k.${quote(c)}`,
        )
        .join(', ')}
        FROM generate_series(${made + 1}, ${size}) g
        JOIN sweep_templates t ON t.n = g % ${templates.length}
        JOIN clocks k ON k."caseId" = t.id`);
    await db.prisma.$executeRawUnsafe('ANALYZE');
    made = size;
    const [counts] = await db.prisma.$queryRawUnsafe<{ open: bigint; clocks: bigint }[]>(
      `SELECT (SELECT count(*) FROM cases) AS open, (SELECT count(*) FROM clocks WHERE status = 'running') AS clocks`,
    );
    const { open, clocks } = counts!;
    console.log(
      `\n${Number(open)} open cases, ${Number(clocks)} running clocks (made in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    for (const run of [1, 2, 3]) {
      const t = performance.now();
      const heap = process.memoryUsage().rss;
      const r = await sweepDeadlineMilestones(ctx, {});
      console.log(
        `  sweep ${run}: ${((performance.now() - t) / 1000).toFixed(2)} s, checked ${r.checked}, fired ${r.fired}, recounted ${r.recounted}, failed ${r.failed}; bench RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (before ${(heap / 2 ** 20).toFixed(0)} MB)`,
      );
    }
  }
} finally {
  await db.close();
  await site.drop();
}

async function columnsOf(table: string): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ column_name: string }[]>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
      ORDER BY ordinal_position`,
    table,
  );
  return rows.map((r) => r.column_name);
}

function quote(name: string): string {
  return `"${name}"`;
}
