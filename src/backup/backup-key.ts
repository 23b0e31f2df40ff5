// Which encryption key the app runs with, found the way bootstrap.ts finds it (ENCRYPTION_KEY,
// else DATA_DIR/encryption.key), but never generated here: a backup or a restore that made up a
// new key would silently lose every sender's identity.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';

export interface FoundKey {
  key: Buffer;
  /** Where it is, as a person would look for it. */
  where: string;
}

export function encryptionKeyFile(dataDir: string): string {
  return path.join(dataDir, 'encryption.key');
}

export class BackupKeyError extends Error {
  override name = 'BackupKeyError';
}

/** A key file as the app writes it: one line, 32 bytes in base64. */
export async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) {
    throw new BackupKeyError(
      `${file} không chứa khóa 32 byte dạng base64. / ${file} does not hold a 32-byte base64 key.`,
    );
  }
  return key;
}

export async function findRunningKey(config: Config): Promise<FoundKey | undefined> {
  if (config.encryptionKey)
    return {
      key: config.encryptionKey,
      where: 'biến môi trường ENCRYPTION_KEY (the ENCRYPTION_KEY environment variable)',
    };
  const file = encryptionKeyFile(config.dataDir);
  const key = await readKeyFile(file);
  return key ? { key, where: file } : undefined;
}
