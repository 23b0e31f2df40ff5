// Reading a backup back (docs/decisions/0022). First the whole file is checked without touching
// anything (a damaged or cut-short file changes nothing); then the rows go into the target in one
// transaction, table by table in foreign-key order, and the files into DATA_DIR/files.
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readMigrationList } from '../db/schema-engine.js';
import { openSqlConnection, type SqlConnection } from '../db/sql-connection.js';
import { FILES_DIR } from '../files/file-store.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupFileError,
  parseLine,
  readLines,
  ZBackupHeader,
  ZFileEntry,
  ZTableMarker,
  ZTrailer,
  type BackupHeader,
} from './backup-format.js';
import {
  listAppliedMigrations,
  listForeignKeys,
  listTables,
  quoteIdent,
  resetSequences,
} from './database-catalog.js';
import { selfReferences, type ForeignKey } from './table-order.js';

/** Rows per INSERT, or fewer when they are large (attachments stored in the database). */
const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

function headerOf(value: unknown): BackupHeader {
  const o = value as { format?: unknown; version?: unknown } | null;
  if (typeof o !== 'object' || o === null || o.format !== BACKUP_FORMAT) {
    throw new BackupFileError('this is not a Lắng Nghe backup');
  }
  if (typeof o.version === 'number' && o.version > BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(`it was made by a newer version of Lắng Nghe (format ${o.version})`);
  }
  const parsed = ZBackupHeader.safeParse(value);
  if (!parsed.success) throw new BackupFileError('its header is damaged');
  return parsed.data;
}

/** The header alone: enough to refuse a wrong key before reading the rest. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of readLines(file)) return headerOf(parseLine(line, 1));
  throw new BackupFileError('the file is empty');
}

export interface VerifiedBackup {
  header: BackupHeader;
  rows: number;
  files: number;
}

/** Reads the whole file: structure, row counts, file checksums, and the closing line. */
export async function verifyBackupFile(file: string): Promise<VerifiedBackup> {
  let header: BackupHeader | undefined;
  let tableIndex = -1;
  let rowsLeft = 0;
  let rows = 0;
  let files = 0;
  let ended = false;
  let lineNo = 0;
  for await (const line of readLines(file)) {
    lineNo++;
    if (ended) throw new BackupFileError(`line ${lineNo} comes after the closing line`);
    const value = parseLine(line, lineNo);
    if (!header) {
      header = headerOf(value);
      continue;
    }
    if (rowsLeft > 0) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new BackupFileError(`line ${lineNo} should be a row of ${header.tables[tableIndex]!.name}`);
      }
      rowsLeft--;
      rows++;
      continue;
    }
    const marker = ZTableMarker.safeParse(value);
    if (marker.success) {
      const expected = header.tables[++tableIndex];
      if (!expected || expected.name !== marker.data.table) {
        throw new BackupFileError(
          `line ${lineNo}: table ${marker.data.table} is not the one the header announces`,
        );
      }
      rowsLeft = expected.rows;
      continue;
    }
    if (tableIndex !== header.tables.length - 1) {
      throw new BackupFileError(`line ${lineNo}: table ${header.tables[tableIndex + 1]!.name} is missing`);
    }
    const entry = ZFileEntry.safeParse(value);
    if (entry.success) {
      const bytes = Buffer.from(entry.data.data, 'base64');
      if (createHash('sha256').update(bytes).digest('hex') !== entry.data.sha256) {
        throw new BackupFileError(`the file ${entry.data.file} in the backup is damaged (checksum)`);
      }
      files++;
      continue;
    }
    const trailer = ZTrailer.safeParse(value);
    if (!trailer.success) throw new BackupFileError(`line ${lineNo} is not part of a backup`);
    if (trailer.data.rows !== rows || trailer.data.files !== files) {
      throw new BackupFileError('the closing line does not match what came before it');
    }
    ended = true;
  }
  if (!header) throw new BackupFileError('the file is empty');
  if (!ended) throw new BackupFileError('the file is cut short (no closing line)');
  return { header, rows, files };
}

/** Tables of the target that already hold rows (a restore goes into an empty database only). */
export async function listNonEmptyTables(conn: SqlConnection): Promise<string[]> {
  const out: string[] = [];
  for (const t of await listTables(conn)) {
    const [row] = await conn.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t.name)}) AS found`,
    );
    if (row?.found) out.push(t.name);
  }
  return out;
}

/** Files already in DATA_DIR/files (a restore does not mix its files with others). */
export async function hasStoredFiles(dataDir: string): Promise<boolean> {
  const entries = await readdir(path.join(dataDir, FILES_DIR)).catch(() => []);
  return entries.length > 0;
}

/**
 * Inserts the verified backup into the migrated, empty target in one transaction and writes its
 * files; on any failure the transaction is rolled back and the files written are removed.
 */
export async function applyBackup(input: {
  conn: SqlConnection;
  file: string;
  header: BackupHeader;
  dataDir: string;
  progress: (message: string) => void;
}): Promise<void> {
  const { conn, header, progress } = input;
  const written: string[] = [];
  await conn.query('BEGIN');
  try {
    const target = new Map((await listTables(conn)).map((t) => [t.name, t]));
    const foreignKeys = await listForeignKeys(conn);
    for (const table of header.tables) {
      const columns = target.get(table.name)?.columns;
      const missing = columns ? table.columns.filter((c) => !columns.includes(c)) : [table.name];
      if (missing.length > 0) {
        throw new Error(
          `the database has no ${missing.join(', ')} for table ${table.name}; the migrations differ`,
        );
      }
    }

    let section: TableLoader | undefined;
    let lineNo = 0;
    for await (const line of readLines(input.file)) {
      if (++lineNo === 1) continue;
      if (section && section.rowsLeft > 0) {
        await section.add(line);
        continue;
      }
      if (section) {
        await section.finish();
        progress(`  ${section.table}: ${section.inserted}`);
        section = undefined;
      }
      const value = JSON.parse(line) as Record<string, unknown>;
      if (typeof value.table === 'string') {
        const table = header.tables.find((t) => t.name === value.table)!;
        section = await startTable(conn, table, selfReferences(table.name, foreignKeys));
      } else if (typeof value.file === 'string') {
        const entry = ZFileEntry.parse(value);
        const target = path.join(input.dataDir, FILES_DIR, ...entry.file.split('/'));
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, Buffer.from(entry.data, 'base64'), { mode: 0o600, flag: 'wx' });
        written.push(target);
      }
    }
    if (section) {
      await section.finish();
      progress(`  ${section.table}: ${section.inserted}`);
    }
    progress(`  ${FILES_DIR}/: ${written.length} tệp/files`);
    await resetSequences(conn);
    await conn.query('COMMIT');
  } catch (err) {
    await conn.query('ROLLBACK').catch(() => {});
    for (const f of written) await rm(f, { force: true });
    throw err;
  }
}

interface TableLoader {
  table: string;
  rowsLeft: number;
  inserted: number;
  add(rowJson: string): Promise<void>;
  finish(): Promise<void>;
}

async function startTable(
  conn: SqlConnection,
  table: BackupHeader['tables'][number],
  selfKeys: ForeignKey[],
): Promise<TableLoader> {
  const name = quoteIdent(table.name);
  const cols = table.columns.map(quoteIdent).join(', ');
  // A table pointing to itself goes through a staging copy first, then moves over in rounds.
  const stage = selfKeys.length > 0 ? quoteIdent(`restore_stage_${table.name}`) : undefined;
  if (stage) await conn.query(`CREATE TEMP TABLE ${stage} (LIKE ${name} INCLUDING DEFAULTS) ON COMMIT DROP`);
  const into = stage ?? name;
  // OVERRIDING SYSTEM VALUE: an identity column keeps the value it had, like every other column.
  const insert = `INSERT INTO ${into} (${cols}) OVERRIDING SYSTEM VALUE
    SELECT ${cols} FROM json_populate_recordset(NULL::${name}, $1::json)`;

  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await conn.query(insert, [`[${batch.join(',')}]`]);
    batch = [];
    batchBytes = 0;
  };
  const loader: TableLoader = {
    table: table.name,
    rowsLeft: table.rows,
    inserted: 0,
    async add(rowJson) {
      batch.push(rowJson);
      batchBytes += rowJson.length;
      loader.rowsLeft--;
      loader.inserted++;
      if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
    },
    async finish() {
      await flush();
      if (stage) await moveInRounds(conn, name, stage, cols, selfKeys);
    },
  };
  return loader;
}

/** Parents first: each round moves the rows whose own-table references are already in place. */
async function moveInRounds(
  conn: SqlConnection,
  name: string,
  stage: string,
  cols: string,
  selfKeys: ForeignKey[],
): Promise<void> {
  const ready = selfKeys
    .map((fk) => {
      const anyNull = fk.columns.map((c) => `s.${quoteIdent(c)} IS NULL`).join(' OR ');
      const match = fk.columns
        .map((c, i) => `p.${quoteIdent(fk.referencedColumns[i]!)} = s.${quoteIdent(c)}`)
        .join(' AND ');
      return `(${anyNull} OR EXISTS (SELECT 1 FROM ${name} p WHERE ${match}))`;
    })
    .join(' AND ');
  for (;;) {
    const [moved] = await conn.query<{ n: number }>(
      `WITH moved AS (DELETE FROM ${stage} s WHERE ${ready} RETURNING s.*),
            ins AS (INSERT INTO ${name} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM moved RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
    );
    const [left] = await conn.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${stage}`);
    if (!left || left.n === 0) break;
    if (!moved || moved.n === 0) {
      throw new Error(`${name}: ${left.n} rows refer to rows of the same table that never come (a cycle)`);
    }
  }
  await conn.query(`DROP TABLE ${stage}`);
}

/**
 * The whole restore into a target that must be empty (no rows, no stored files, no migration the
 * backup lacks): the backup's migrations, its rows and files, then the code's later migrations.
 * The caller has verified the file and the key, and holds the DATA_DIR lock.
 */
export async function restoreIntoEmptyTarget(input: {
  databaseUrl: string | undefined;
  dataDir: string;
  file: string;
  header: BackupHeader;
  progress: (message: string) => void;
}): Promise<{ laterMigrations: string[] }> {
  const { header, progress } = input;
  const conn = await openSqlConnection({ databaseUrl: input.databaseUrl, dataDir: input.dataDir });
  try {
    const nonEmpty = await listNonEmptyTables(conn);
    if (await hasStoredFiles(input.dataDir)) nonEmpty.push('DATA_DIR/files');
    if (nonEmpty.length > 0) {
      throw new Error(
        [
          `Nơi khôi phục không trống (${nonEmpty.join(', ')}): chỉ khôi phục vào cơ sở dữ liệu và DATA_DIR mới, trống.`,
          `The target is not empty (${nonEmpty.join(', ')}): restore only into a new, empty database and DATA_DIR.`,
        ].join('\n'),
      );
    }
    const applied = await listAppliedMigrations(conn);
    const ahead = applied.filter((m) => !header.migrations.includes(m));
    if (ahead.length > 0) {
      throw new Error(
        [
          `Cơ sở dữ liệu đích đã có migration mà bản sao lưu không có (${ahead.join(', ')}). Hãy tạo một cơ sở dữ liệu mới hoàn toàn.`,
          `The target database has migrations the backup lacks (${ahead.join(', ')}). Create a brand-new database.`,
        ].join('\n'),
      );
    }

    // The schema the backup was taken under, then its rows, then any later migration, which
    // runs on the restored rows as on any upgrade.
    if (header.migrations.some((m) => !applied.includes(m))) await conn.migrate(header.migrations);
    progress('Đang khôi phục … / Restoring …');
    await applyBackup({
      conn,
      file: input.file,
      header,
      dataDir: input.dataDir,
      progress,
    });
    const known = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    if (!known.some((m) => !header.migrations.includes(m))) return { laterMigrations: [] };
    const later = await conn.migrate();
    progress(`  migration mới / later migrations: ${later.join(', ')}`);
    return { laterMigrations: later };
  } finally {
    await conn.close();
  }
}
