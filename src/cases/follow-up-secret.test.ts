import { describe, expect, it } from 'vitest';
import { SYMBOL_ALPHABET } from './symbol-alphabet.js';
import {
  FOLLOW_UP_SECRET_ENTROPY_BITS,
  generateFollowUpSecret,
  hashSecret,
  issueFollowUpSecret,
  normalizeFollowUpSecret,
  verifySecret,
} from './follow-up-secret.js';

describe('follow-up secret', () => {
  it('carries at least 50 bits and is shown in three groups of four', () => {
    expect(FOLLOW_UP_SECRET_ENTROPY_BITS).toBeGreaterThanOrEqual(50);
    const secret = generateFollowUpSecret();
    expect(secret).toMatch(
      new RegExp(`^[${SYMBOL_ALPHABET}]{4}-[${SYMBOL_ALPHABET}]{4}-[${SYMBOL_ALPHABET}]{4}$`),
    );
  });

  it('differs every time', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => generateFollowUpSecret()));
    expect(secrets.size).toBe(1000);
  });

  it('verifies the right secret, however it is typed, and rejects others', async () => {
    const secret = generateFollowUpSecret();
    const stored = await hashSecret(secret);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain(normalizeFollowUpSecret(secret));

    await expect(verifySecret(secret, stored)).resolves.toBe(true);
    await expect(verifySecret(` ${secret.toLowerCase().replaceAll('-', ' ')} `, stored)).resolves.toBe(true);
    await expect(verifySecret(generateFollowUpSecret(), stored)).resolves.toBe(false);
    await expect(verifySecret('', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const secret = generateFollowUpSecret();
    expect(await hashSecret(secret)).not.toBe(await hashSecret(secret));
  });

  it('issues a secret with its hash', async () => {
    const { secret, hash } = await issueFollowUpSecret();
    await expect(verifySecret(secret, hash)).resolves.toBe(true);
  });

  it('refuses stored values it did not write', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$16384$8$1$$',
      'scrypt$1099511627776$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA',
      'bcrypt$x',
    ]) {
      await expect(verifySecret('ABCD-EFGH-JKMN', stored), stored).rejects.toThrow(/hash/);
    }
  });
});
