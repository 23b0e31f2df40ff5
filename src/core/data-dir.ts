// Files the embedded default keeps under DATA_DIR: the process lock and the generated key.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The embedded database serves one process; a second one on the same directory would corrupt it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'langnghe.pid');
  const previous = await readFile(lockFile, 'utf8').then(Number, () => NaN);
  if (Number.isInteger(previous) && previous !== process.pid && isAlive(previous)) {
    throw new DataDirLockedError(
      `Another Lắng Nghe process (pid ${previous}) is using ${dataDir}. Stop it first, or set DATA_DIR to another directory.`,
    );
  }
  await writeFile(lockFile, String(process.pid));
  return async () => {
    const owner = await readFile(lockFile, 'utf8').then(Number, () => NaN);
    if (owner === process.pid) await rm(lockFile, { force: true });
  };
}

/** The embedded default generates its own key on first start and keeps it beside the data. */
export async function loadOrCreateEncryptionKey(dataDir: string): Promise<{ key: Buffer; created: boolean }> {
  const file = path.join(dataDir, 'encryption.key');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing) {
    const key = Buffer.from(existing.trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return { key, created: false };
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return { key, created: true };
}
