import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdLinkTokens } from './signed-token.js';

const tokens = createIdLinkTokens(Buffer.alloc(32, 1), { purpose: 'letter', ttlSeconds: 900 });
const now = new Date('2026-11-10T03:00:00Z');

describe('id link tokens', () => {
  it('round-trips ids until they expire, in a path-sized token', () => {
    const ids = [randomUUID(), randomUUID()];
    const token = tokens.issue(ids, now);
    expect(token.length).toBeLessThan(100);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tokens.verify(token, now)).toEqual(ids);
    expect(tokens.verify(token, new Date(now.getTime() + 900_000))).toEqual(ids);
    expect(tokens.verify(token, new Date(now.getTime() + 901_000))).toBeUndefined();
  });

  it('refuses tampered tokens, another purpose or key, and garbage', () => {
    const token = tokens.issue([randomUUID()], now);
    const [body, tag] = token.split('.') as [string, string];
    const flipped = body.slice(0, 3) + (body[3] === 'A' ? 'B' : 'A') + body.slice(4);
    expect(tokens.verify(`${flipped}.${tag}`, now)).toBeUndefined();
    expect(
      createIdLinkTokens(Buffer.alloc(32, 1), { purpose: 'other', ttlSeconds: 900 }).verify(token, now),
    ).toBeUndefined();
    expect(
      createIdLinkTokens(Buffer.alloc(32, 2), { purpose: 'letter', ttlSeconds: 900 }).verify(token, now),
    ).toBeUndefined();
    for (const bad of ['', '.', 'abc', `${token}.x`, 'x'.repeat(500)])
      expect(tokens.verify(bad, now)).toBeUndefined();
    expect(() => tokens.issue(['not-a-uuid'], now)).toThrow();
  });
});
