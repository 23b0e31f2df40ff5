// The hot statements skip Prisma's client runtime (decision 0106) and must get what `$queryRaw`
// gives, value for value and class for class: each check runs the same statement both ways on the
// same database and compares them strictly, on every driver (in-process PGlite, PGlite in its
// thread as `npm start` runs it, and PostgreSQL when DATABASE_URL is set).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { Prisma } from '../../src/db/generated/client.js';
import { isUniqueViolation } from '../../src/db/prisma-errors.js';
import { executeStatement, queryRows } from '../../src/db/raw-sql.js';
import { findSubmission } from '../../src/intake/intake.repository.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const at = new Date('2026-12-07T03:04:05.678Z');
const every = (p: { at: Date; bytes: Uint8Array; json: object; list: string[] }) => Prisma.sql`
  SELECT
    ${7}::int4 AS i4, 12345678901::int8 AS i8, ${BigInt('9007199254740993')}::int8 AS i8param,
    1.5::float8 AS f8, 2.5::float4 AS f4, 12.34::numeric AS num, ${'3.25'}::numeric AS numparam,
    ${true}::boolean AS b, false AS bf, 'chữ Việt'::text AS t, 'ab'::char(2) AS ch,
    ${'tiếp nhận'} AS untyped, 'received'::"CaseStatus" AS en,
    '0190a0b0-0000-7000-8000-000000000001'::uuid AS u,
    ${p.at}::timestamp(3) AS ts, ${p.at}::timestamptz AS tstz, ${p.at}::date AS d,
    '12:34:56.789'::time AS tm, ${p.json}::jsonb AS jb, '{"a": [1, 2], "b": null}'::json AS js,
    ${p.bytes}::bytea AS by, count(*) OVER () AS counted, length(${'abc'}) AS len,
    ARRAY['a', 'b']::text[] AS ta, ARRAY[1, 2]::int4[] AS ia, ARRAY[1, 2]::int8[] AS la,
    ARRAY['{"x": 1}'::jsonb] AS ja, ARRAY[${p.at}::timestamp(3)] AS tsa, ARRAY['2026-01-02'::date] AS da,
    ARRAY[true, false] AS ba, ARRAY['\\x0102'::bytea] AS bya,
    ARRAY['0190a0b0-0000-7000-8000-000000000001'::uuid] AS ua, ARRAY[1.5]::numeric[] AS na,
    ARRAY['received', 'assigned']::"CaseStatus"[] AS ea, ${p.list}::text[] AS listparam,
    NULL::int4 AS n4, NULL::jsonb AS njb, NULL::timestamp AS nts, NULL::bytea AS nby, ${null}::text AS nparam`;

const drivers: { name: string; open(): Promise<{ db: Database; done(): Promise<void> }> }[] = [
  {
    name: 'the test database (in-process PGlite, or PostgreSQL with DATABASE_URL)',
    async open() {
      const t: TestDatabase = await createTestDatabase();
      return { db: t.db, done: t.drop };
    },
  },
  {
    name: 'PGlite in its thread, as npm start runs it',
    async open() {
      const dir = await mkdtemp(path.join(tmpdir(), 'ln-raw-sql-'));
      const db = await openDatabase({ embeddedDir: path.join(dir, 'pgdata'), embeddedThread: true });
      await db.migrate();
      return {
        db,
        async done() {
          await db.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.each(drivers)('raw statements past the client, on $name', (driver) => {
  let db: Database;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ db, done } = await driver.open());
  }, 60_000);
  afterAll(() => done());

  const params = {
    at,
    bytes: Buffer.from([0, 1, 2, 250, 255]),
    json: { văn: 'bản', n: [1, 2.5, null], nested: { ok: true } },
    list: ['một', 'hai'],
  };

  it('gives every column type as $queryRaw does, and sends every kind of parameter as it does', async () => {
    const viaClient = await db.prisma.$queryRaw<Record<string, unknown>[]>(every(params));
    const spy = vi.spyOn(db.prisma, '$queryRaw');
    const direct = await queryRows<Record<string, unknown>>(db.prisma, every(params));
    // The point of the module: the client's runtime is not on the way.
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(direct).toStrictEqual(viaClient);
    // A few the comparison alone would not catch were both ways wrong the same way.
    const [row] = direct;
    expect(row!.i8param).toBe(BigInt('9007199254740993'));
    expect(row!.ts).toEqual(at);
    expect(row!.jb).toEqual(params.json);
    expect(Buffer.from(row!.by as Uint8Array)).toEqual(params.bytes);
    expect(row!.listparam).toEqual(params.list);
  });

  it("gives a table row as $queryRaw does, and a submission as Prisma's model does (findSubmission)", async () => {
    const id = randomUUID();
    await db.prisma.intakeSubmission.create({
      data: {
        id,
        trackingCode: id.slice(0, 13),
        payloadCiphertext: Buffer.from('niêm phong'),
        payloadDigest: 'd',
        status: 'failed',
        processedAt: at,
        failureReason: 'payload_unreadable',
        failedAt: at,
        organizationId: randomUUID(),
        unitId: randomUUID(),
        kind: 'complaint',
        channel: 'zalo',
        audience: 'staff',
        followUpSecretHash: 'scrypt$…',
      },
    });
    const read = Prisma.sql`SELECT * FROM "intake_submissions" WHERE "id" = ${id}`;
    const viaClient = await db.prisma.$queryRaw<unknown[]>(read);
    expect(viaClient).toHaveLength(1);
    expect(await queryRows(db.prisma, read)).toStrictEqual(viaClient);
    const model = await db.prisma.intakeSubmission.findUnique({ where: { id } });
    expect(await findSubmission(db.prisma, id)).toStrictEqual(model);
    expect(await findSubmission(db.prisma, randomUUID())).toBeNull();
  });

  it('counts the rows a statement changed as $executeRaw does', async () => {
    const id = randomUUID();
    await db.prisma.intakeSubmission.create({
      data: { id, trackingCode: id.slice(0, 13), payloadCiphertext: Buffer.from('x'), payloadDigest: 'd' },
    });
    const mark = (when: Date) =>
      Prisma.sql`UPDATE "intake_submissions" SET "processedAt" = ${when} WHERE "id" = ${id} OR "id" = ${'none'}`;
    expect(await executeStatement(db.prisma, mark(at))).toBe(await db.prisma.$executeRaw(mark(at)));
    expect(await executeStatement(db.prisma, mark(at))).toBe(1);
    const [row] = await db.prisma.$queryRaw<{ processedAt: Date }[]>`
      SELECT "processedAt" FROM "intake_submissions" WHERE "id" = ${id}`;
    expect(row!.processedAt).toEqual(at);
  });

  it('raises what the database refused as $queryRaw does: a unique violation is one', async () => {
    const id = randomUUID();
    const insert = Prisma.sql`
      INSERT INTO "intake_submissions" ("id", "trackingCode", "payloadDigest") VALUES (${id}, ${id.slice(0, 13)}, 'd')`;
    await executeStatement(db.prisma, insert);
    const viaClient = await db.prisma.$executeRaw(insert).catch((e: unknown) => e);
    const direct = await executeStatement(db.prisma, insert).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    const { code, meta, message } = direct as Prisma.PrismaClientKnownRequestError;
    const expected = viaClient as Prisma.PrismaClientKnownRequestError;
    expect({ code, meta: JSON.parse(JSON.stringify(meta)) }).toEqual({
      code: expected.code,
      meta: JSON.parse(JSON.stringify(expected.meta)),
    });
    expect(expected.message).toContain(message);
    expect(isUniqueViolation(viaClient)).toBe(true);
    expect(isUniqueViolation(direct)).toBe(true);
    await expect(queryRows(db.prisma, Prisma.sql`SELECT * FROM "no_such_table"`)).rejects.toThrow();
    // The error left nothing behind: the next statement runs.
    expect(await queryRows(db.prisma, Prisma.sql`SELECT 1 AS one`)).toStrictEqual([{ one: 1 }]);
  });

  it("runs a transaction's statements in that transaction (through the client it was given)", async () => {
    const id = randomUUID();
    const seen = await db.prisma
      .$transaction(async (tx) => {
        await executeStatement(
          tx,
          Prisma.sql`INSERT INTO "intake_submissions" ("id", "trackingCode", "payloadDigest") VALUES (${id}, ${id.slice(0, 13)}, 'd')`,
        );
        const rows = await queryRows<{ id: string }>(
          tx,
          Prisma.sql`SELECT "id" FROM "intake_submissions" WHERE "id" = ${id}`,
        );
        throw Object.assign(new Error('roll back'), { rows });
      })
      .catch((e: { rows?: unknown }) => e.rows);
    expect(seen).toStrictEqual([{ id }]);
    expect(
      await queryRows(db.prisma, Prisma.sql`SELECT "id" FROM "intake_submissions" WHERE "id" = ${id}`),
    ).toStrictEqual([]);
  });
});
