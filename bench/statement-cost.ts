// npx tsx bench/statement-cost.ts [-- --calls 300]   (embedded, or PostgreSQL with DATABASE_URL)
//
// The client-side CPU of one single-row insert written three ways, in this process (decision 0086),
// and of a one-row update and read as Prisma operations and as SQL:
// Prisma's createManyAndReturn (never taken from Prisma's query plan cache: compiled at every
// call), Prisma's create (compiled once, then cached) and the same INSERT … ON CONFLICT DO NOTHING
// in SQL through $queryRaw, as insertSubmissionsIfNew wrote it before decision 0106; and the update and
// read through raw-sql.ts, past Prisma's client runtime (0106). Prints CPU and wall ms per
// call for each, twice (the second round is the one to read: the first warms the JIT).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Prisma } from '../src/db/generated/client.js';
import { executeStatement, queryRows } from '../src/db/raw-sql.js';
import { createTestContext } from '../test/helpers/test-context.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '300' } } });
const CALLS = Number(values.calls);
const { ctx, cleanup } = await createTestContext();
const prisma = ctx.db.prisma;
const row = () => ({
  id: randomUUID(),
  trackingCode: randomUUID().slice(0, 13),
  payloadCiphertext: Buffer.from('sealed'),
  payloadDigest: 'digest',
});

async function measure(name: string, insert: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 20; i++) await insert();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) await insert();
  const cpu = process.cpuUsage(cpu0);
  const perCall = (ms: number) => (ms / CALLS).toFixed(3).padStart(7);
  console.log(
    `${name.padEnd(36)} ${perCall((cpu.user + cpu.system) / 1000)} ${perCall(performance.now() - t0)}`,
  );
}

console.log(
  `bench/statement-cost: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded'}, ${CALLS} calls each`,
);
try {
  for (const round of [1, 2]) {
    console.log(`\nround ${round}${' '.repeat(29)} CPU ms wall ms per call`);
    await measure('createManyAndReturn (1 row)', () =>
      prisma.intakeSubmission.createManyAndReturn({
        data: [row()],
        skipDuplicates: true,
        select: { id: true, trackingCode: true },
      }),
    );
    await measure('create (select 2 columns)', () =>
      prisma.intakeSubmission.create({ data: row(), select: { id: true, trackingCode: true } }),
    );
    await measure('$queryRaw INSERT … ON CONFLICT', () => {
      const r = row();
      return prisma.$queryRaw`
        INSERT INTO "intake_submissions" ("id", "trackingCode", "payloadCiphertext", "payloadDigest")
        VALUES (${r.id}, ${r.trackingCode}, ${r.payloadCiphertext}, ${r.payloadDigest})
        ON CONFLICT DO NOTHING RETURNING "id", "trackingCode"`;
    });
    // An update that returns no row, as the worker marks a submission or an event done.
    const target = await prisma.intakeSubmission.create({ data: row(), select: { id: true } });
    await measure('updateMany (1 row)', () =>
      prisma.intakeSubmission.updateMany({ where: { id: target.id }, data: { processedAt: new Date() } }),
    );
    await measure(
      '$executeRaw UPDATE (1 row)',
      () =>
        prisma.$executeRaw`
        UPDATE "intake_submissions" SET "processedAt" = ${new Date()} WHERE "id" = ${target.id}`,
    );
    await measure('executeStatement UPDATE (raw-sql.ts)', () =>
      executeStatement(
        prisma,
        Prisma.sql`UPDATE "intake_submissions" SET "processedAt" = ${new Date()} WHERE "id" = ${target.id}`,
      ),
    );
    await measure('findUnique (all columns)', () =>
      prisma.intakeSubmission.findUnique({ where: { id: target.id } }),
    );
    await measure(
      '$queryRaw SELECT * (1 row)',
      () => prisma.$queryRaw`SELECT * FROM "intake_submissions" WHERE "id" = ${target.id}`,
    );
    await measure('queryRows SELECT * (raw-sql.ts)', () =>
      queryRows(prisma, Prisma.sql`SELECT * FROM "intake_submissions" WHERE "id" = ${target.id}`),
    );
  }
} finally {
  await cleanup();
}
