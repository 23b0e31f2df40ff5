// The follow-up secret: with the tracking code, it lets an anonymous sender follow their case
// without any account linked to it (PRODUCT.md §6). The code may be seen by others (printed,
// shared); the secret is shown once and only its scrypt hash is stored (cases.followUpSecretHash).
//
// 12 symbols of the tracking-code alphabet, shown as XXXX-XXXX-XXXX: 12 × log2(31) ≈ 59.5 bits.
// That is far beyond what online guessing can reach, so a modest scrypt cost (N = 2^14) only has
// to make a stolen database expensive to search, and keeps verification fast on a small server.
import { randomBytes as nodeRandomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import {
  compactSymbols,
  defaultRandomBytes,
  entropyBits,
  groupSymbols,
  randomSymbolValues,
  symbolsOf,
  type RandomBytes,
} from './symbol-alphabet.js';

export const FOLLOW_UP_SECRET_SYMBOLS = 12;
export const FOLLOW_UP_SECRET_GROUPS = [4, 4, 4] as const;
export const FOLLOW_UP_SECRET_ENTROPY_BITS = entropyBits(FOLLOW_UP_SECRET_SYMBOLS);

const SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// Bounds on parameters read back from storage, so a tampered row cannot make us burn memory.
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 4;

export function generateFollowUpSecret(randomBytes: RandomBytes = defaultRandomBytes): string {
  return groupSymbols(
    symbolsOf(randomSymbolValues(FOLLOW_UP_SECRET_SYMBOLS, randomBytes)),
    FOLLOW_UP_SECRET_GROUPS,
  );
}

/** A new secret and the hash to store: the secret is shown to the sender once and then forgotten. */
export async function issueFollowUpSecret(
  randomBytes: RandomBytes = defaultRandomBytes,
): Promise<{ secret: string; hash: string }> {
  const secret = generateFollowUpSecret(randomBytes);
  return { secret, hash: await hashSecret(secret) };
}

/** Case, spaces and dashes do not matter when a secret is typed back. */
export function normalizeFollowUpSecret(input: string): string {
  return compactSymbols(input);
}

/**
 * Hashes the normalised secret with scrypt and a fresh random salt. The result records its own
 * parameters — `scrypt$N$r$p$salt$hash` (base64url) — so the cost can be raised later without
 * invalidating stored hashes.
 */
export async function hashSecret(secret: string): Promise<string> {
  const salt = nodeRandomBytes(SALT_LENGTH);
  const hash = await deriveKey(normalizeFollowUpSecret(secret), salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

/**
 * True when `secret` matches the stored hash, compared in constant time. Throws when the stored
 * value is not a hash this module wrote: corrupt data must surface, not read as a wrong secret.
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  const candidate = normalizeFollowUpSecret(secret);
  if (candidate === '') return false;
  const hash = await deriveKey(candidate, parsed.salt, parsed.N, parsed.r, parsed.p, parsed.hash.length);
  return timingSafeEqual(hash, parsed.hash);
}

interface StoredHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parseStoredHash(stored: string): StoredHash {
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, hash] = parts;
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  const valid =
    parts.length === 6 &&
    scheme === 'scrypt' &&
    Number.isInteger(N) &&
    N > 1 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(R) &&
    R >= 1 &&
    R <= MAX_R &&
    Number.isInteger(P) &&
    P >= 1 &&
    P <= MAX_P &&
    salt !== undefined &&
    salt !== '' &&
    hash !== undefined &&
    hash !== '';
  if (!valid) throw new Error('Stored follow-up secret hash is not in the scrypt$N$r$p$salt$hash format.');
  const hashBytes = Buffer.from(hash, 'base64url');
  if (hashBytes.length < 16) throw new Error('Stored follow-up secret hash is too short.');
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64url'), hash: hashBytes };
}

function deriveKey(
  secret: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  length: number = KEY_LENGTH,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses scrypt above maxmem (32 MiB by default); 128·N·r bytes are needed, give 2×.
    scrypt(secret, salt, length, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
