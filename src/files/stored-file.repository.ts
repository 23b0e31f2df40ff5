// The only code that touches the `stored_files` table.
import type { Db } from '../db/database.js';

export interface StoredFileRow {
  key: string;
  bytes: Buffer;
  sha256: string;
  mimeType: string | null;
}

/** INSERT … ON CONFLICT DO NOTHING: the first writer of a key wins, a repeat is a no-op. */
export async function insertStoredFileOnce(db: Db, row: StoredFileRow): Promise<boolean> {
  const { count } = await db.storedFile.createMany({
    data: [{ ...row, bytes: Uint8Array.from(row.bytes), sizeBytes: row.bytes.length }],
    skipDuplicates: true,
  });
  return count === 1;
}

/** For a key whose content may change (a letter's draft, revised): the last writer wins. */
export async function upsertStoredFile(db: Db, row: StoredFileRow): Promise<void> {
  const data = {
    bytes: Uint8Array.from(row.bytes),
    sizeBytes: row.bytes.length,
    sha256: row.sha256,
    mimeType: row.mimeType,
  };
  await db.storedFile.upsert({ where: { key: row.key }, create: { key: row.key, ...data }, update: data });
}

export async function findStoredFileBytes(db: Db, key: string): Promise<Buffer | null> {
  const row = await db.storedFile.findUnique({ where: { key }, select: { bytes: true } });
  return row ? Buffer.from(row.bytes) : null;
}

export async function storedFileExists(db: Db, key: string): Promise<boolean> {
  return (await db.storedFile.count({ where: { key } })) > 0;
}

/** Which of these keys the table already holds. */
export async function findStoredKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.storedFile.findMany({ where: { key: { in: keys } }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

export async function deleteStoredFile(db: Db, key: string): Promise<void> {
  await db.storedFile.deleteMany({ where: { key } });
}
