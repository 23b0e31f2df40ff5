// The restore core on a real database (PGlite in a directory, or PostgreSQL when DATABASE_URL is
// set): a backup taken under an older schema is restored under that schema and then migrated; a
// table that refers to itself is filled parents first even when the dump lists a child before its
// parent; arrays and JSON come back as they were.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBackupFile, restoreIntoEmptyTarget } from '../../src/backup/restore-backup.js';
import { writeBackup } from '../../src/backup/write-backup.js';
import { readMigrationList } from '../../src/db/schema-engine.js';
import { openSqlConnection } from '../../src/db/sql-connection.js';
import { createScratchSite } from '../helpers/test-database.js';

const cleanups: (() => Promise<unknown>)[] = [];
let workDir: string;

const site = (name: string) => createScratchSite(workDir, name, cleanups);

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'ln-backup-int-'));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));
});

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('restore', () => {
  it('restores an older backup under its own migrations, then the later ones; parents before children', async () => {
    const all = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    const older = all.slice(0, -1);
    const source = await site('source');
    const parentId = randomUUID();
    const childId = randomUUID();
    const file = path.join(workDir, 'older.jsonl.gz');

    const conn = await openSqlConnection(source);
    try {
      expect(await conn.migrate(older)).toEqual(older);
      await conn.query(
        `INSERT INTO organizations (id, code, name, kind, "hotlineNumbers", settings, "updatedAt")
         VALUES ($1, 'so-y-te', 'Sở Y tế', 'health_department', ARRAY['1900 9095'], '{"a":{"b":[1,2]}}', now())`,
        [parentId],
      );
      await conn.query(
        `INSERT INTO organizations (id, code, name, kind, "parentId", "updatedAt")
         VALUES ($1, 'ttyt', 'Trung tâm Y tế', 'health_centre', $2, now())`,
        [childId, parentId],
      );
      // The parent's new version is stored after the child: a plain scan now meets the child first.
      await conn.query(`UPDATE organizations SET name = 'Sở Y tế tỉnh' WHERE id = $1`, [parentId]);
      await writeBackup({
        conn,
        dataDir: source.dataDir,
        key: Buffer.alloc(32, 1),
        outputFile: file,
        appVersion: 'test',
        now: new Date(),
        progress: () => {},
      });
    } finally {
      await conn.close();
    }

    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n');
    expect(lines.findIndex((l) => l.includes(childId))).toBeLessThan(
      lines.findIndex((l) => l.startsWith(`{"id":"${parentId}"`)),
    );
    const { header, rows } = await verifyBackupFile(file);
    expect(header.migrations).toEqual(older);
    expect(rows).toBe(2);

    const target = await site('target');
    const { laterMigrations } = await restoreIntoEmptyTarget({ ...target, file, header, progress: () => {} });
    expect(laterMigrations).toEqual(all.slice(-1));

    const check = await openSqlConnection(target);
    try {
      const orgs = await check.query<Record<string, unknown>>(
        `SELECT id, name, "parentId", "hotlineNumbers", settings FROM organizations ORDER BY code`,
      );
      expect(orgs).toEqual([
        {
          id: parentId,
          name: 'Sở Y tế tỉnh',
          parentId: null,
          hotlineNumbers: ['1900 9095'],
          settings: { a: { b: [1, 2] } },
        },
        { id: childId, name: 'Trung tâm Y tế', parentId, hotlineNumbers: null, settings: {} },
      ]);
      // The later migration ran on the restored rows: the column it adds is there.
      const cols = await check.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.columns
          WHERE table_name = 'intake_submissions' AND column_name = 'failureReason'`,
      );
      expect(cols[0]!.n).toBe(1);
    } finally {
      await check.close();
    }

    // A second restore into the same target is refused: it is no longer empty.
    await expect(restoreIntoEmptyTarget({ ...target, file, header, progress: () => {} })).rejects.toThrow(
      /không trống.*organizations/s,
    );
  }, 180_000);
});
