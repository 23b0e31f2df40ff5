// The embedded database of `npm start` runs in a worker thread; the app's Prisma adapter reaches it
// through a stand-in that forwards each call (docs/decisions/0064). What the app relies on must
// hold there as in-process: migrations, the same values for every column type, Prisma's error
// codes (a unique violation is how intake sees a repeated submission), each caller its own rows
// however many are in flight, transactions that hold others off and roll back, statements
// prepared once, and data written out on close. Runs on the embedded database only.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { usingPostgres } from '../helpers/test-database.js';

// One row of most column types Prisma reads, with parameters of the same types.
const EVERY_TYPE = `SELECT $1::int AS n, $2::bigint AS big, $3::numeric AS num, $4::timestamptz AS at,
  $5::date AS day, $6::bytea AS bytes, $7::jsonb AS doc, $8::text[] AS list, $9::boolean AS yes,
  $10::uuid AS id, 'ẩm ướt'::text AS words, $11::int[] AS months, ARRAY[$4::timestamptz] AS ats,
  ARRAY[$2::bigint] AS bigs`;
const everyTypeArgs = (n: number) => [
  n,
  BigInt(n) * 10_000_000_000n,
  `${n}.25`,
  new Date(Date.UTC(2026, 11, 5, 7, n % 60, 0, 250)),
  new Date(Date.UTC(2026, 0, 1 + (n % 28))),
  Buffer.from([n % 256, 0, 255]),
  JSON.stringify({ n, tên: 'Thử' }),
  [`a${n}`, 'b"c', null],
  n % 2 === 0,
  `0190d7a8-0000-7000-8000-${String(n).padStart(12, '0')}`,
  [1, n % 12, 12],
];

describe.skipIf(usingPostgres())('the embedded database in a thread', () => {
  let dir: string;
  let db: Database;
  let inProcess: Database;
  let inProcessPrepared: Database;
  const open = () =>
    openDatabase({
      embeddedDir: path.join(dir, 'pgdata'),
      embeddedThread: true,
      embeddedSharedBuffersMb: 16,
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ln-dbthread-'));
    db = await open();
    expect((await db.migrate()).length).toBeGreaterThan(0);
    // PGlite's own `query`, without prepared statements: what both prepared paths must read alike.
    inProcess = await openDatabase({ embeddedDir: 'memory://', preparedStatements: 0 });
    inProcessPrepared = await openDatabase({ embeddedDir: 'memory://' });
  });
  afterAll(async () => {
    await inProcess?.close();
    await inProcessPrepared?.close();
    await db?.close().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads every column type as PGlite’s own query does, in the thread and in-process', async () => {
    for (const n of [0, 7, 42]) {
      const through = await db.prisma.$queryRawUnsafe(EVERY_TYPE, ...everyTypeArgs(n));
      const here = await inProcess.prisma.$queryRawUnsafe(EVERY_TYPE, ...everyTypeArgs(n));
      const herePrepared = await inProcessPrepared.prisma.$queryRawUnsafe(EVERY_TYPE, ...everyTypeArgs(n));
      expect(through).toEqual(here);
      expect(herePrepared).toEqual(here);
    }
  });

  it('gives each of many concurrent callers its own rows', async () => {
    const codes = Array.from({ length: 40 }, (_, i) => `many-${i}`);
    await Promise.all(
      codes.map((code, i) =>
        db.prisma.organization.create({
          data: { code, name: `Đơn vị ${i}`, kind: 'health_centre', hotlineNumbers: [`0${i}`] },
        }),
      ),
    );
    const reads = await Promise.all(
      codes.flatMap((code, i) => [
        db.prisma.organization.findUniqueOrThrow({ where: { code } }).then((o) => o.name),
        db.prisma.$queryRawUnsafe<{ n: number }[]>(EVERY_TYPE, ...everyTypeArgs(i)).then((r) => r[0]!.n),
      ]),
    );
    expect(reads).toEqual(codes.flatMap((_, i) => [`Đơn vị ${i}`, i]));
  });

  it('holds other statements off an interactive transaction, which sees its own rows', async () => {
    const outside: Promise<string[]>[] = [];
    const inside = db.prisma.$transaction(async (tx) => {
      await tx.organization.create({ data: { code: 'tx-org', name: 'Trong', kind: 'hospital' } });
      // Started while the transaction is open: they must neither see its row nor land in it.
      for (let i = 0; i < 10; i++) {
        outside.push(
          db.prisma.organization
            .findMany({ where: { code: { in: ['tx-org', `many-${i}`] } }, orderBy: { code: 'asc' } })
            .then((rows) => rows.map((r) => r.code)),
        );
      }
      const seen = [];
      for (let i = 0; i < 5; i++) {
        seen.push((await tx.organization.findUniqueOrThrow({ where: { code: 'tx-org' } })).name);
        await tx.organization.update({ where: { code: 'tx-org' }, data: { name: `Trong ${i}` } });
      }
      return seen;
    });
    expect(await inside).toEqual(['Trong', 'Trong 0', 'Trong 1', 'Trong 2', 'Trong 3']);
    // PGlite's transaction lock makes them wait for the commit, as in-process.
    expect(await Promise.all(outside)).toEqual(Array.from({ length: 10 }, (_, i) => [`many-${i}`, 'tx-org']));
  });

  it('keeps the error codes and rolls back what failed', async () => {
    const org = { code: 'thread-org', name: 'Thử luồng', kind: 'health_centre' as const };
    await db.prisma.organization.create({ data: org });
    await expect(db.prisma.organization.create({ data: org })).rejects.toMatchObject({
      code: 'P2002',
      meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation' } } },
    });
    await expect(
      db.prisma.organization.create({
        data: { ...org, code: 'orphan', parentId: '0190d7a8-0000-7000-8000-000000000000' },
      }),
    ).rejects.toMatchObject({ code: 'P2003' });
    await expect(db.prisma.$queryRawUnsafe('SELECT * FROM no_such_table')).rejects.toMatchObject({
      code: 'P2010',
      meta: { driverAdapterError: { cause: { originalCode: '42P01' } } },
    });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.organization.update({ where: { code: org.code }, data: { name: 'đổi tên' } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.organization.update({ where: { code: org.code }, data: { name: 'đổi nữa' } });
        await tx.organization.create({ data: { ...org, code: 'many-1' } });
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await expect(
      db.prisma.$transaction([
        db.prisma.organization.update({ where: { code: org.code }, data: { name: 'lô' } }),
        db.prisma.organization.create({ data: { ...org, code: 'many-2' } }),
      ]),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect((await db.prisma.organization.findUniqueOrThrow({ where: { code: org.code } })).name).toBe(
      'Thử luồng',
    );
  });

  it('prepares a statement once and keeps none that failed (decision 0105)', async () => {
    const later = 'SELECT n FROM later_table ORDER BY n';
    await expect(db.prisma.$queryRawUnsafe(later)).rejects.toMatchObject({ code: 'P2010' });
    await db.prisma.$executeRawUnsafe('CREATE TABLE later_table (n int)');
    await db.prisma.$executeRawUnsafe('INSERT INTO later_table VALUES ($1), ($2)', 2, 1);
    expect(await db.prisma.$queryRawUnsafe(later)).toEqual([{ n: 1 }, { n: 2 }]);
    const statements = await db.prisma.$queryRawUnsafe<{ statement: string }[]>(
      'SELECT statement FROM pg_prepared_statements',
    );
    const count = (text: string) => statements.filter((s) => s.statement === text).length;
    expect([count(EVERY_TYPE), count(later)]).toEqual([1, 1]);
    // In-process too (commands, tests); none where the limit is 0.
    const prepared = (on: Database) =>
      on.prisma.$queryRawUnsafe<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1',
        EVERY_TYPE,
      );
    expect(await prepared(inProcessPrepared)).toEqual([{ n: 1 }]);
    expect(await prepared(inProcess)).toEqual([{ n: 0 }]);
  });

  it('keeps its data across a close, and refuses calls once closed', async () => {
    await db.close();
    await expect(db.prisma.organization.count()).rejects.toThrow();
    db = await open();
    expect(await db.migrate()).toEqual([]);
    expect(await db.prisma.organization.findUnique({ where: { code: 'thread-org' } })).toMatchObject({
      name: 'Thử luồng',
    });
  });
});
