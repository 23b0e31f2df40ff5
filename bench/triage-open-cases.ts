// What triage reads from the database per new case when many cases are open (issue 17, decision
// 0070): rows and bytes of the case reads, and the time of suggestCaseTriage, in-process against a
// fresh database (embedded, or PostgreSQL with DATABASE_URL).
//   npx tsx bench/triage-open-cases.ts [--open 2000] [--count 20]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../src/app-context.js';
import { suggestCaseTriage } from '../src/triage/suggest-case-triage.js';
import { readCorpus } from '../src/triage/triage-corpus.js';
import { OPEN_STATUSES } from '../src/cases/case-vocabulary.js';
import { findNewestOpenCaseIds } from '../src/cases/open-cases.repository.js';
import { createTestContext } from '../test/helpers/test-context.js';

const { values } = parseArgs({
  options: { open: { type: 'string', default: '2000' }, count: { type: 'string', default: '20' } },
});
const OPEN = Number(values.open);
const COUNT = Number(values.count);

const { ctx: base, cleanup } = await createTestContext();
let rows = 0;
let bytes = 0;
// The case reads: Prisma's findMany (the texts) and SQL (the open ids, one row since decision 0087).
const counted = base.db.prisma.$extends({
  query: {
    async $allOperations({ model, operation, args, query }) {
      const result = await query(args);
      if ((model === 'Case' && operation === 'findMany') || (!model && operation === '$queryRaw')) {
        rows += (result as unknown[]).length;
        bytes += Buffer.byteLength(JSON.stringify(result));
      }
      return result;
    },
  },
}) as unknown as AppContext['db']['prisma'];
const ctx: AppContext = { ...base, db: { ...base.db, prisma: counted } };

// The shipped corpus's texts (about 200 bytes each), over and over, so duplicates are found too.
const corpus = readCorpus();
const places = ['Khoa Dược', 'Khoa Khám bệnh', 'Khoa Nội', null];

try {
  const org = await base.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const row = (i: number) => ({
    code: `BENCH-${i}`,
    organizationId: org.id,
    kind: 'feedback' as const,
    channel: 'api' as const,
    identityMode: 'anonymous' as const,
    description: corpus[i % corpus.length]!.text,
    place: places[i % places.length] ?? null,
  });
  for (let i = 0; i < OPEN; i += 500) {
    await base.db.prisma.case.createMany({
      data: Array.from({ length: Math.min(500, OPEN - i) }, (_, k) => row(i + k)),
    });
  }
  const newCase = async (i: number) => (await base.db.prisma.case.create({ data: row(OPEN + i) })).id;

  // Warm-up: the first case reads every open text and fills the kept vectors.
  await suggestCaseTriage(ctx, await newCase(0));
  rows = 0;
  bytes = 0;
  const ms: number[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const id = await newCase(i);
    const t = performance.now();
    await suggestCaseTriage(ctx, id);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`bench/triage-open-cases: database ${ctx.db.kind}, ${OPEN} open cases, ${COUNT} new cases`);
  console.log(
    `case rows read per new case ${(rows / COUNT).toFixed(0)}, bytes ${(bytes / COUNT / 1024).toFixed(1)} KiB`,
  );
  console.log(
    `suggestCaseTriage median ${ms[Math.floor(COUNT / 2)]!.toFixed(1)} ms, max ${ms[COUNT - 1]!.toFixed(1)} ms`,
  );

  // The shapes of the open-case read, alternated in one run so the machine's load hits all:
  // every open case's text (before decision 0070), ids as rows (0070), ids in one row (0087, now).
  const where = { organizationId: org.id, status: { in: [...OPEN_STATUSES] } };
  const shapes = {
    texts: { id: true, code: true, description: true, place: true },
    ids: { id: true },
  } as const;
  const took: Record<keyof typeof shapes | 'oneRow', number[]> = { texts: [], ids: [], oneRow: [] };
  for (let i = 0; i < COUNT; i++) {
    const t = performance.now();
    await findNewestOpenCaseIds(base.db.prisma, org.id, null);
    took.oneRow.push(performance.now() - t);
    for (const shape of ['texts', 'ids'] as const) {
      const t = performance.now();
      await base.db.prisma.case.findMany({
        where,
        select: shapes[shape],
        orderBy: { receivedAt: 'desc' },
        take: 2000,
      });
      took[shape].push(performance.now() - t);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `open-case read, median of ${COUNT}: texts ${median(took.texts).toFixed(1)} ms, ids as rows ${median(took.ids).toFixed(1)} ms, ids in one row ${median(took.oneRow).toFixed(1)} ms`,
  );
} finally {
  await cleanup();
}
