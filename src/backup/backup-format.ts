// The backup file (docs/decisions/0022): gzip of JSON lines, the same for the embedded and the
// PostgreSQL database, so a backup of one restores into the other.
//
//   {header}                       format, version, migrations, key fingerprint, tables with counts
//   {"table":"<name>"}             then that table's rows, one row_to_json object a line
//   …                              (tables in foreign-key order)
//   {"file":"<path>","sha256":…,"data":<base64>}   each file under DATA_DIR/files
//   {"end":true,"rows":n,"files":n}                 a file without this line is incomplete
//
// Rows are kept as the text PostgreSQL wrote and handed back to it as text: never parsed into
// JavaScript numbers, so a bigint or a numeric keeps every digit.
import { createHmac } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';

export const BACKUP_FORMAT = 'langnghe-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The file is not a whole, readable backup (not gzip, cut short, not ours, damaged). */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

export const ZBackupTable = z.object({
  name: z.string().min(1),
  rows: z.number().int().min(0),
  columns: z.array(z.string().min(1)),
});

export const ZBackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  app: z.literal('langnghe'),
  appVersion: z.string(),
  createdAt: z.string(),
  source: z.enum(['embedded', 'postgres']),
  migrations: z.array(z.string().min(1)),
  /** HMAC of a fixed text under the encryption key: tells keys apart, reveals nothing of them. */
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  tables: z.array(ZBackupTable),
});
export type BackupHeader = z.infer<typeof ZBackupHeader>;

export const ZTableMarker = z.strictObject({ table: z.string().min(1) });

/** A path relative to DATA_DIR/files, forward slashes, never leaving that directory. */
const ZRelativeFilePath = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (p) =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      !p.includes('\0') &&
      p.split('/').every((s) => s && s !== '.' && s !== '..'),
    'unsafe path',
  );

export const ZFileEntry = z.strictObject({
  file: ZRelativeFilePath,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.string(),
});
export type FileEntry = z.infer<typeof ZFileEntry>;

export const ZTrailer = z.strictObject({
  end: z.literal(true),
  rows: z.number().int().min(0),
  files: z.number().int().min(0),
});

export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('langnghe backup key fingerprint v1').digest('hex');
}

/** Writes lines to a gzip file, waiting when the disk is slower than the database. */
export interface LineWriter {
  write(line: string): Promise<void>;
  close(): Promise<void>;
  abort(): void;
}

export function createLineWriter(file: string): LineWriter {
  const gzip = createGzip();
  // 0600 and never over an existing file: a backup holds every case, even if identities are sealed.
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  gzip.pipe(out);
  const done = finished(out);
  // Surfaced by close() or the next write; an unhandled rejection must not end the process first.
  done.catch(() => {});
  let failed: Error | undefined;
  out.on('error', (err) => (failed ??= err));
  gzip.on('error', (err) => (failed ??= err));
  return {
    async write(line) {
      if (failed) throw failed;
      if (!gzip.write(line + '\n')) await Promise.race([once(gzip, 'drain'), done]);
    },
    async close() {
      gzip.end();
      await done;
      if (failed) throw failed;
    },
    abort() {
      gzip.destroy();
      out.destroy();
    },
  };
}

/**
 * The lines of a gzip file, in order. Splits on the newline byte (never inside a UTF-8 sequence);
 * a file that is not gzip or is cut short ends in a BackupFileError.
 */
export async function* readLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  let pending: Buffer[] = [];
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        pending.push(chunk.subarray(start, nl));
        yield Buffer.concat(pending).toString('utf8');
        pending = [];
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw err;
    throw new BackupFileError(
      code === 'Z_BUF_ERROR'
        ? 'the file is cut short (incomplete copy?)'
        : `the file is not a readable gzip file (${(err as Error).message})`,
    );
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
}

/** JSON.parse whose failure says which line of the backup is wrong. */
export function parseLine(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupFileError(`line ${lineNo} is not JSON`);
  }
}
