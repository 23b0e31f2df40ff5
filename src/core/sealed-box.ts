// AES-256-GCM for senders' identities and queued submissions. The key id lets a future key
// rotation tell which key sealed a row.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedBox {
  readonly keyId: string;
  seal(plaintext: string): Buffer;
  open(sealed: Uint8Array): string;
  sealJson(value: unknown): Buffer;
  openJson<T = unknown>(sealed: Uint8Array): T;
  /**
   * A 32-byte key for one purpose (signing CSRF tokens, download links…), derived with HKDF so the
   * encryption key itself is never used for anything but encryption, and every process agrees.
   */
  deriveKey(purpose: string): Buffer;
}

export function createSealedBox(key: Buffer): SealedBox {
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  const seal = (plaintext: string): Buffer => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  const open = (sealed: Uint8Array): string => {
    const buf = Buffer.from(sealed);
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
    decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  };
  return {
    keyId,
    seal,
    open,
    sealJson: (value) => seal(JSON.stringify(value)),
    openJson: <T>(sealed: Uint8Array) => JSON.parse(open(sealed)) as T,
    deriveKey: (purpose) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `langnghe:${purpose}`, 32)),
  };
}
