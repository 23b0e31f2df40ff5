// The Zalo OA token pair in `channel_credentials` (one row, channel 'zalo', sealed). The only Zalo
// code that touches Prisma. `version` is bumped on every write, and a refresh writes only over the
// version it read, so two refreshers can never both store a pair.
import type { Db } from '../../src/db/database.js';

export const ZALO_CREDENTIAL_CHANNEL = 'zalo';

export function findZaloCredential(db: Db) {
  return db.channelCredential.findUnique({
    where: { channel: ZALO_CREDENTIAL_CHANNEL },
    select: { ciphertext: true, version: true, expiresAt: true },
  });
}

/** The operator's `zalo:token`: replaces whatever is stored. */
export async function saveZaloCredential(db: Db, ciphertext: Uint8Array, expiresAt: Date): Promise<number> {
  const row = await db.channelCredential.upsert({
    where: { channel: ZALO_CREDENTIAL_CHANNEL },
    create: {
      channel: ZALO_CREDENTIAL_CHANNEL,
      ciphertext: Uint8Array.from(ciphertext),
      expiresAt,
      version: 1,
    },
    update: { ciphertext: Uint8Array.from(ciphertext), expiresAt, version: { increment: 1 } },
    select: { version: true },
  });
  return row.version;
}

/** A refresh: true when the row still had `version` and now holds the new pair. */
export async function replaceZaloCredential(
  db: Db,
  version: number,
  ciphertext: Uint8Array,
  expiresAt: Date,
): Promise<boolean> {
  const { count } = await db.channelCredential.updateMany({
    where: { channel: ZALO_CREDENTIAL_CHANNEL, version },
    data: { ciphertext: Uint8Array.from(ciphertext), expiresAt, version: { increment: 1 } },
  });
  return count === 1;
}
