// Files every process reads — attachments and letters — kept in the database that every web and
// worker process shares (decision 0021). A file's key is the path it had under DATA_DIR
// (`files/<sha256>`, `files/letters/<id>.pdf`). Installs from before kept the files on disk: a key
// the table lacks is read from DATA_DIR/<key>, and importDataDirFiles copies such files into the
// table at start-up, so older files become shared too.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../app-context.js';
import {
  deleteStoredFile,
  findStoredFileBytes,
  findStoredKeys,
  insertStoredFileOnce,
  storedFileExists,
  upsertStoredFile,
} from './stored-file.repository.js';

export type FileStoreContext = Pick<AppContext, 'db' | 'config'>;

/** The folder under DATA_DIR where files were kept before they moved into the database. */
export const FILES_DIR = 'files';

// Every segment starts with a letter or digit: no `..`, no hidden files, nothing outside files/.
const KEY_PATTERN = /^files(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+$/;

export function isFileKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

function checkedKey(key: string): string {
  // A programming error, not something a person did: no AppError.
  if (!isFileKey(key)) throw new Error(`not a file key: ${JSON.stringify(key)}`);
  return key;
}

function diskPath(ctx: FileStoreContext, key: string): string {
  return path.join(ctx.config.dataDir, ...checkedKey(key).split('/'));
}

/**
 * Stores the bytes under the key. Without `replace` the first write wins and a repeat does
 * nothing (content-addressed attachments, a signed letter rendered again to the same bytes); with
 * it the bytes are overwritten (a draft re-rendered after a revision).
 */
export async function putFile(
  ctx: FileStoreContext,
  key: string,
  bytes: Buffer,
  options: { mimeType?: string; replace?: boolean } = {},
): Promise<void> {
  const row = {
    key: checkedKey(key),
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mimeType: options.mimeType ?? null,
  };
  if (options.replace) await upsertStoredFile(ctx.db.prisma, row);
  else await insertStoredFileOnce(ctx.db.prisma, row);
}

/** The bytes under the key, from the table or else from this process's DATA_DIR; null when neither has them. */
export async function readStoredFile(ctx: FileStoreContext, key: string): Promise<Buffer | null> {
  const stored = await findStoredFileBytes(ctx.db.prisma, checkedKey(key));
  if (stored) return stored;
  return readFile(diskPath(ctx, key)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'EISDIR') return null;
    throw err;
  });
}

export async function hasStoredFile(ctx: FileStoreContext, key: string): Promise<boolean> {
  if (await storedFileExists(ctx.db.prisma, checkedKey(key))) return true;
  // Only whether the older copy is there: no second query, no reading of its bytes.
  return stat(diskPath(ctx, key)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Removes the file: the row, and the older copy on this process's disk if there is one. */
export async function deleteFile(ctx: FileStoreContext, key: string): Promise<void> {
  await deleteStoredFile(ctx.db.prisma, checkedKey(key));
  await rm(diskPath(ctx, key), { force: true });
}

/**
 * Copies every file under DATA_DIR/files that the table lacks into it; returns how many were
 * copied. Idempotent (a key already stored is skipped, a concurrent copy of the same key is a
 * no-op), so every process runs it at start-up. The files on disk are left where they are.
 */
export async function importDataDirFiles(ctx: FileStoreContext, batchSize = 200): Promise<number> {
  const keys = await listDiskKeys(ctx.config.dataDir);
  let copied = 0;
  for (let i = 0; i < keys.length; i += batchSize) {
    const batch = keys.slice(i, i + batchSize);
    const stored = await findStoredKeys(ctx.db.prisma, batch);
    for (const key of batch) {
      if (stored.has(key)) continue;
      const bytes = await readFile(diskPath(ctx, key)).catch(() => null);
      if (!bytes) continue;
      if (
        await insertStoredFileOnce(ctx.db.prisma, {
          key,
          bytes,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          mimeType: key.endsWith('.pdf') ? 'application/pdf' : null,
        })
      ) {
        copied++;
      }
    }
  }
  return copied;
}

async function listDiskKeys(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, FILES_DIR);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    },
  );
  return (
    entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dataDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      // Half-written files of the old atomic writes (`<name>.<random>.tmp`) are not files.
      .filter((key) => isFileKey(key) && !key.endsWith('.tmp'))
      .sort()
  );
}

/**
 * The key of a file an older notification named by its absolute path under some process's
 * DATA_DIR (`…/files/letters/<id>.pdf`): the part from the last `files/` on.
 */
export function fileKeyOfLegacyPath(absolute: string): string | undefined {
  const normalized = absolute.split(path.sep).join('/');
  const at = normalized.lastIndexOf(`/${FILES_DIR}/`);
  const key = at >= 0 ? normalized.slice(at + 1) : undefined;
  return key && isFileKey(key) ? key : undefined;
}
