import { describe, expect, it } from 'vitest';
import { checkShift, formatVietnamTime, parseShiftInstant } from './duty-shift.js';

describe('parseShiftInstant', () => {
  it('reads a time without offset as Vietnam time', () => {
    expect(parseShiftInstant('2026-03-02T07:00')?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(parseShiftInstant('2026-03-02 19:30')?.toISOString()).toBe('2026-03-02T12:30:00.000Z');
  });

  it('keeps an explicit offset', () => {
    expect(parseShiftInstant('2026-03-02T07:00Z')?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(parseShiftInstant('2026-03-02T07:00:00+0900')?.toISOString()).toBe('2026-03-01T22:00:00.000Z');
  });

  it.each(['2026-02-30T07:00', '2026-03-02T25:00', '02/03/2026 07:00', 'sáng mai', ''])(
    'refuses "%s"',
    (text) => {
      expect(parseShiftInstant(text)).toBeNull();
    },
  );
});

describe('checkShift', () => {
  const at = (iso: string) => new Date(iso);
  it('needs an end after the start', () => {
    expect(checkShift(at('2026-03-02T07:00Z'), at('2026-03-02T07:00Z')).ok).toBe(false);
    expect(checkShift(at('2026-03-02T07:00Z'), at('2026-03-02T19:00Z')).ok).toBe(true);
  });

  it('refuses a shift longer than a week', () => {
    expect(checkShift(at('2026-03-02T00:00Z'), at('2026-03-09T00:00Z')).ok).toBe(true);
    expect(checkShift(at('2026-03-02T00:00Z'), at('2026-03-09T00:01Z')).ok).toBe(false);
  });
});

describe('formatVietnamTime', () => {
  it('shows Vietnam time whatever the server zone', () => {
    expect(formatVietnamTime(new Date('2026-03-01T17:05:00Z'))).toBe('00:05 02/03/2026');
  });
});
