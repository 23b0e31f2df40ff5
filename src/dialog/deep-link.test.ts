import { describe, expect, it } from 'vitest';
import { generateTrackingCode } from '../cases/tracking-code.js';
import { parseStartPayload, trackStartPayload, unitStartPayload } from './deep-link.js';

describe('start payloads', () => {
  it('round-trips unit and tracking payloads within Telegram’s limits', () => {
    const code = generateTrackingCode();
    for (const payload of [
      unitStartPayload('ta-kkb'),
      unitStartPayload('x'.repeat(40)),
      trackStartPayload(code),
    ]) {
      expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    }
    expect(parseStartPayload(unitStartPayload('ta-kkb'))).toEqual({ type: 'unit', unitCode: 'ta-kkb' });
    expect(parseStartPayload(trackStartPayload(code.toLowerCase()))).toEqual({ type: 'track', code });
  });

  it('ignores what it does not know', () => {
    expect(parseStartPayload('')).toEqual({ type: 'none' });
    expect(parseStartPayload('u_bad code')).toEqual({ type: 'none' });
    expect(parseStartPayload('hello')).toEqual({ type: 'none' });
    expect(() => unitStartPayload('có dấu')).toThrow();
  });
});
