// npx tsx bench/query-count.ts [-- --count 20]
// Counts the database statements one submission costs on the ack path (POST /api/submissions'
// use case) and one case costs in the intake worker (case, routing, triage, cards, the assignment's
// effects) and the feed pump over those cases, by model and operation. Runs in-process against a fresh database (embedded, or PostgreSQL with DATABASE_URL).
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { AppContext } from '../src/app-context.js';
import { shareDriverAdapter } from '../src/db/raw-sql.js';
import { submitSubmission } from '../src/intake/submit-submission.js';
import { dispatchFeedEvents } from '../src/feeds/dispatch-feed-events.js';
import { cardsOfCaseInHand, createIntakeHandler } from '../workers/intake.handler.js';
import { processSubmission } from '../src/intake/process-submission.js';
import { scheduleCaseMilestonesSafely } from '../src/deadlines/schedule-milestones.js';
import { routeCase, type RouteCaseResult } from '../src/routing/route-case.js';
import { suggestCaseTriageSafely } from '../src/triage/suggest-case-triage.js';
import { postCaseCards } from '../src/officer/post-case-cards.js';
import { runCaseEffectsOrQueue, type EventFacts } from '../src/cases/run-case-effects.js';
import { createTestContext } from '../test/helpers/test-context.js';
import { processCpuMs } from './process-cpu.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '20' } } });
const COUNT = Number(values.count);

const counts = new Map<string, number>();
let total = 0;
// Statements as the driver sees them (BEGIN/COMMIT and a relation's second query included): the
// Prisma operations above may each cost more than one.
let sql = 0;
const count = (proto: Record<string, unknown>, name: string) => {
  const original = proto[name] as ((...args: unknown[]) => unknown) | undefined;
  if (!original) throw new Error(`bench/query-count: no ${name} to count statements at`);
  proto[name] = function (this: unknown, ...args: unknown[]) {
    sql++;
    return original.apply(this, args);
  };
};
const pgClient = pg.Client.prototype as unknown as Record<string, unknown>;
count(pgClient, 'query');
// In-process PGlite: its prepared statements (pglite-prepared.ts) skip its `query`, which this
// counted until they came (0.0 statements everywhere); every statement, prepared or not, runs under
// its query lock. Counted there, each step's figure is PostgreSQL's.
count(PGlite.prototype as unknown as Record<string, unknown>, '_runExclusiveQuery');
const { ctx: base, cleanup } = await createTestContext();
const counted = base.db.prisma.$extends({
  query: {
    async $allOperations({ model, operation, args, query }) {
      const key = `${model ?? '$raw'}.${operation}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
      return query(args);
    },
  },
}) as unknown as AppContext['db']['prisma'];
// The SQL of raw-sql.ts goes past Prisma's client (decision 0106), from this client as from the
// app's: it is counted among the SQL statements, not among the Prisma operations, and the CPU per
// step is the app's.
shareDriverAdapter(base.db.prisma, counted);
const ctx: AppContext = { ...base, db: { ...base.db, prisma: counted } };
const handle = createIntakeHandler(ctx);

function take(): { total: number; sql: number; byKey: [string, number][] } {
  const out = { total, sql, byKey: [...counts.entries()].sort((a, b) => b[1] - a[1]) };
  counts.clear();
  total = 0;
  sql = 0;
  return out;
}

const submission = (i: number) => ({
  submissionId: `qc-${Date.now()}-${i}`,
  channel: 'api' as const,
  kind: 'report' as const,
  text: 'Thời gian chờ lấy thuốc tại Khoa Dược quá lâu, đề nghị bố trí thêm quầy phát thuốc.',
  unitCode: 'ta-kduoc',
  contact: { name: 'Người gửi thử nghiệm', phone: '0900000000' },
});

try {
  // Warm-up: first submission and first case fill whatever the process caches.
  const warm = submission(-1);
  await submitSubmission(ctx, warm as never);
  await handle({ submissionId: warm.submissionId }, {} as never);
  take();

  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const s = submission(i);
    await submitSubmission(ctx, s as never);
    ids.push(s.submissionId);
  }
  const ack = take();
  for (const id of ids) await handle({ submissionId: id }, {} as never);
  const worker = take();
  // The feed pump, as a worker process runs it on its timer, once over these cases' feed events.
  const pumped = await dispatchFeedEvents(ctx);
  const pump = take();

  // The same steps as the intake handler, one at a time, to show where the statements go.
  const phases = new Map<string, { prisma: number; sql: number; cpuMs: number }>();
  const phase = async (name: string, step: () => Promise<unknown>) => {
    take();
    const cpu0 = process.cpuUsage();
    await step();
    const cpu = process.cpuUsage(cpu0);
    const r = take();
    const sum = phases.get(name) ?? { prisma: 0, sql: 0, cpuMs: 0 };
    phases.set(name, {
      prisma: sum.prisma + r.total,
      sql: sum.sql + r.sql,
      cpuMs: sum.cpuMs + (cpu.user + cpu.system) / 1000,
    });
  };
  const backends0 = await backendCpuMs();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < COUNT; i++) {
    const s = submission(1000 + i);
    await submitSubmission(ctx, s as never);
    let processed: Awaited<ReturnType<typeof processSubmission>> | undefined;
    await phase('processSubmission', async () => {
      processed = await processSubmission(ctx, s.submissionId);
    });
    // What the handler hands from step to step: the case it made, its clocks, its suggestion.
    const { caseId, made } = processed!;
    let suggestion: Awaited<ReturnType<typeof suggestCaseTriageSafely>> = null;
    await phase('scheduleCaseMilestones', () => scheduleCaseMilestonesSafely(ctx, caseId, made));
    let assignmentEvent: EventFacts | undefined;
    let assigned: RouteCaseResult['caseRow'];
    await phase('routeCase', async () => {
      ({ assignmentEvent, caseRow: assigned } = await routeCase(ctx, caseId, {
        callerPostsCards: true,
        callerRunsEffects: true,
        ...(made && { justMade: made.case }),
      }));
    });
    await phase('suggestCaseTriage', async () => {
      suggestion = await suggestCaseTriageSafely(ctx, caseId, made?.case);
    });
    await phase('postCaseCards', () =>
      postCaseCards(ctx, caseId, cardsOfCaseInHand(made, assigned, suggestion)),
    );
    if (assignmentEvent)
      await phase('runCaseEffects (the assignment)', () => runCaseEffectsOrQueue(ctx, assignmentEvent!));
  }
  const cpu = process.cpuUsage(cpu0);
  const backendsMs = (await backendCpuMs()) - backends0;
  take();

  const show = (name: string, r: ReturnType<typeof take>) => {
    console.log(
      `\n${name}: ${(r.total / COUNT).toFixed(1)} Prisma operations, ${(r.sql / COUNT).toFixed(1)} SQL statements each`,
    );
    for (const [key, n] of r.byKey) console.log(`  ${(n / COUNT).toFixed(1).padStart(5)}  ${key}`);
  };
  console.log(`bench/query-count: database ${ctx.db.kind}, ${COUNT} submissions after one warm-up`);
  show('ack path (submitSubmission)', ack);
  show('worker (intake.process-submission)', worker);
  show(`feed pump (dispatchFeedEvents: ${pumped.fannedOut} feed events fanned out)`, pump);
  console.log('\nworker by step: Prisma operations, SQL statements, CPU ms of this process');
  for (const [name, n] of phases) {
    const each = (x: number) => (x / COUNT).toFixed(1).padStart(5);
    console.log(`  ${each(n.prisma)} ${each(n.sql)} ${each(n.cpuMs)}  ${name}`);
  }
  console.log(
    `  CPU ms per case over the steps: this process ${((cpu.user + cpu.system) / 1000 / COUNT).toFixed(1)}` +
      (ctx.db.kind === 'postgres' ? `, its PostgreSQL backends ${(backendsMs / COUNT).toFixed(1)}` : ''),
  );
} finally {
  await cleanup();
}

/** CPU ms so far of the PostgreSQL backends serving this process's database (0 when embedded). */
async function backendCpuMs(): Promise<number> {
  if (ctx.db.kind !== 'postgres') return 0;
  const rows = await ctx.db.prisma.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  let ms = 0;
  for (const { pid } of rows) ms += await processCpuMs(pid); // 0: another host, or gone
  return ms;
}
