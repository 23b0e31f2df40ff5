// On PostgreSQL, the SQL Prisma sends is prepared once per connection and then only executed
// (decision 0090); DATABASE_PREPARED_STATEMENTS=0 prepares nothing. pg_prepared_statements lists a
// session's prepared statements, so each check runs inside one transaction: one connection.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';

describe.skipIf(!usingPostgres())('prepared statements on PostgreSQL', () => {
  let site: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  const opened: Database[] = [];
  const open = async (preparedStatements?: number) => {
    const db = await openDatabase({
      databaseUrl: site.url,
      ...(preparedStatements === undefined ? {} : { preparedStatements }),
    });
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    site = await createEmptyPostgresDatabase();
    await (await open()).migrate();
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    await site.drop();
  });

  // Two reads of the organisations through Prisma, then what this connection holds prepared.
  const preparedAfterTwoReads = (db: Database) =>
    db.prisma.$transaction(async (tx) => {
      const code = `T${randomBytes(4).toString('hex')}`;
      await tx.organization.findFirst({ where: { code } });
      await tx.organization.findFirst({ where: { code } });
      return tx.$queryRaw<{ name: string; statement: string }[]>`
        SELECT name, statement FROM pg_prepared_statements`;
    });

  it('prepares each statement Prisma sends once, under a name, by default', async () => {
    const prepared = await preparedAfterTwoReads(await open());
    const reads = prepared.filter((p) => /FROM "public"\."organizations"/.test(p.statement));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.name).toMatch(/^ln_\d+$/);
  });

  it('prepares none with DATABASE_PREPARED_STATEMENTS=0', async () => {
    const prepared = await preparedAfterTwoReads(await open(0));
    expect(prepared).toEqual([]);
  });
});
