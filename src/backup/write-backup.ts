// Writes a backup (docs/decisions/0022): every table of the public schema from one read-only
// REPEATABLE READ snapshot, so a PostgreSQL app may keep running meanwhile and the file is still
// one consistent moment; then the files under DATA_DIR/files.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SqlConnection } from '../db/sql-connection.js';
import { FILES_DIR } from '../files/file-store.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  createLineWriter,
  keyFingerprint,
  type BackupHeader,
} from './backup-format.js';
import {
  countRows,
  listAppliedMigrations,
  listForeignKeys,
  listTables,
  quoteIdent,
} from './database-catalog.js';
import { orderTablesForInsert } from './table-order.js';

/** Rows per FETCH: a few hundred kilobytes of JSON in memory at a time. */
const FETCH_ROWS = 500;

export interface BackupSummary {
  tables: { name: string; rows: number }[];
  rows: number;
  files: number;
  fileBytes: number;
}

export async function writeBackup(input: {
  conn: SqlConnection;
  dataDir: string;
  key: Buffer;
  outputFile: string;
  appVersion: string;
  now: Date;
  progress: (message: string) => void;
}): Promise<BackupSummary> {
  const { conn, progress } = input;
  // Written beside the target and renamed at the end: a file named like the backup is a whole one.
  const partial = `${input.outputFile}.partial`;
  const writer = createLineWriter(partial);
  try {
    await conn.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let summary: BackupSummary;
    try {
      summary = await dumpTables(input, writer);
      await conn.query('COMMIT');
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => {});
      throw err;
    }
    const files = await dumpFiles(path.join(input.dataDir, FILES_DIR), writer, progress);
    summary = { ...summary, files: files.count, fileBytes: files.bytes };
    await writer.write(JSON.stringify({ end: true, rows: summary.rows, files: files.count }));
    await writer.close();
    await rename(partial, input.outputFile);
    return summary;
  } catch (err) {
    writer.abort();
    await rm(partial, { force: true });
    throw err;
  }
}

async function dumpTables(
  input: Parameters<typeof writeBackup>[0],
  writer: ReturnType<typeof createLineWriter>,
): Promise<BackupSummary> {
  const { conn, progress } = input;
  const migrations = await listAppliedMigrations(conn);
  const tables = await listTables(conn);
  const order = orderTablesForInsert(
    tables.map((t) => t.name),
    await listForeignKeys(conn),
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const counted: BackupHeader['tables'] = [];
  for (const name of order) {
    counted.push({ name, rows: await countRows(conn, name), columns: byName.get(name)!.columns });
  }
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    app: 'langnghe',
    appVersion: input.appVersion,
    createdAt: input.now.toISOString(),
    source: conn.kind,
    migrations,
    keyFingerprint: keyFingerprint(input.key),
    tables: counted,
  };
  await writer.write(JSON.stringify(header));

  let total = 0;
  for (const table of counted) {
    await writer.write(JSON.stringify({ table: table.name }));
    await conn.query(
      `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoteIdent(table.name)} t`,
    );
    let written = 0;
    for (;;) {
      const rows = await conn.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
      for (const row of rows) await writer.write(row.j);
      written += rows.length;
      if (rows.length < FETCH_ROWS) break;
    }
    await conn.query('CLOSE backup_rows');
    // The snapshot cannot change under us; a difference would be a bug worth stopping for.
    if (written !== table.rows) {
      throw new Error(`${table.name}: counted ${table.rows} rows but read ${written}`);
    }
    total += written;
    progress(`  ${table.name}: ${written}`);
  }
  return { tables: counted.map(({ name, rows }) => ({ name, rows })), rows: total, files: 0, fileBytes: 0 };
}

async function dumpFiles(
  root: string,
  writer: ReturnType<typeof createLineWriter>,
  progress: (message: string) => void,
): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  for (const relative of await listFiles(root)) {
    let data: Buffer;
    try {
      data = await readFile(path.join(root, relative));
    } catch (err) {
      // Removed by the running app between the listing and now (an unlinked attachment).
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const sha256 = createHash('sha256').update(data).digest('hex');
    await writer.write(JSON.stringify({ file: relative, sha256, data: data.toString('base64') }));
    count++;
    bytes += data.length;
  }
  progress(`  ${FILES_DIR}/: ${count} tệp/files`);
  return { count, bytes };
}

/** Every regular file under root, as sorted forward-slash paths; half-written `.tmp` files left out. */
async function listFiles(root: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, prefix), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const relative = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, relative)));
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(relative);
  }
  return out;
}
