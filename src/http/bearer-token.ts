// Checks `Authorization: Bearer <token>` in constant time: both sides are hashed first, so neither
// the comparison nor a length mismatch tells a guesser how much of the token was right.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function bearerTokenMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  // Always compare, even without a token, so a missing header takes the same time as a wrong one
  // (the expected token is never empty: config asks for 16 characters at least).
  return timingSafeEqual(digest(given), digest(expected));
}
