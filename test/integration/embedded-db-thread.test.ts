// The embedded database of `npm start` runs in a worker thread behind a Unix socket, reached with the
// PostgreSQL driver (docs/decisions/0044). What the app relies on must hold there as in-process:
// migrations, Prisma's error codes (a unique violation is how intake sees a repeated submission),
// rolled-back transactions, and data written out on close. Runs on the embedded database only.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { usingPostgres } from '../helpers/test-database.js';

describe.skipIf(usingPostgres())('the embedded database in a thread', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('migrates, maps errors, rolls back, and keeps its data across a close', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ln-dbthread-'));
    const open = () =>
      openDatabase({
        embeddedDir: path.join(dir, 'pgdata'),
        embeddedThread: true,
        embeddedSharedBuffersMb: 16,
      });
    const db = await open();
    expect((await db.migrate()).length).toBeGreaterThan(0);
    expect((await stat(path.join(dir, 'pgsocket'))).mode & 0o777).toBe(0o700);

    const org = { code: 'thread-org', name: 'Thử luồng', kind: 'health_centre' as const };
    await db.prisma.organization.create({ data: org });
    await expect(db.prisma.organization.create({ data: org })).rejects.toMatchObject({ code: 'P2002' });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.organization.update({ where: { code: org.code }, data: { name: 'đổi tên' } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await db.close();

    const again = await open();
    expect(await again.migrate()).toEqual([]);
    expect(await again.prisma.organization.findUnique({ where: { code: org.code } })).toMatchObject({
      name: 'Thử luồng',
    });
    await again.close();
  });
});
