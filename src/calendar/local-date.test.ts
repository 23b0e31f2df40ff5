import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfWeek,
  daysBetween,
  formatVietnameseDate,
  formatVietnameseDateWithWeekday,
  fromDbDate,
  fromEpochDay,
  isLocalDate,
  parseLocalDate,
  parseUserDate,
  toDbDate,
  toEpochDay,
  toVietnamDate,
  vietnamDayEnd,
  vietnamDayStart,
  type LocalDate,
} from './local-date.js';

const d = (s: string) => parseLocalDate(s);

describe('LocalDate', () => {
  it('accepts only real ISO dates', () => {
    expect(isLocalDate('2026-02-14')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-2-14')).toBe(false);
    expect(isLocalDate('14/02/2026')).toBe(false);
    expect(isLocalDate(20260214)).toBe(false);
    expect(() => parseLocalDate('2026-13-01')).toThrow(/Ngày không hợp lệ/);
  });

  it('parses what people type', () => {
    expect(parseUserDate('14/2/2026')).toBe('2026-02-14');
    expect(parseUserDate(' 2026-02-14 ')).toBe('2026-02-14');
    expect(() => parseUserDate('31/2/2026')).toThrow(/dd\/mm\/yyyy/);
  });

  it('does arithmetic across month, year and leap-day boundaries', () => {
    expect(addDays(d('2026-02-28'), 1)).toBe('2026-03-01');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addDays(d('2026-01-01'), -1)).toBe('2025-12-31');
    expect(daysBetween(d('2026-02-14'), d('2026-02-22'))).toBe(8);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek(d('2026-02-14'))).toBe(6); // Thứ Bảy
    expect(dayOfWeek(d('2026-04-26'))).toBe(0); // Chủ nhật
    expect(dayOfWeek(d('1970-01-01'))).toBe(4);
    expect(dayOfWeek(d('1969-12-31'))).toBe(3);
  });

  it('formats the Vietnamese way', () => {
    expect(formatVietnameseDate(d('2026-02-04'))).toBe('04/02/2026');
    expect(formatVietnameseDateWithWeekday(d('2026-02-14'))).toBe('Thứ Bảy, 14/02/2026');
  });

  it('takes the Vietnamese date of an instant, not the server one', () => {
    // 23:30 UTC on 13/02 is already 06:30 on 14/02 in Hà Nội.
    expect(toVietnamDate(new Date('2026-02-13T23:30:00Z'))).toBe('2026-02-14');
    expect(toVietnamDate(new Date('2026-02-13T16:59:59.999Z'))).toBe('2026-02-13');
    expect(toVietnamDate(new Date('2026-02-13T17:00:00Z'))).toBe('2026-02-14');
    expect(vietnamDayStart(d('2026-02-14')).toISOString()).toBe('2026-02-13T17:00:00.000Z');
    expect(vietnamDayEnd(d('2026-02-14')).toISOString()).toBe('2026-02-14T17:00:00.000Z');
  });

  it('maps @db.Date values (UTC midnight) without the process time zone', () => {
    expect(toDbDate(d('2026-02-14')).toISOString()).toBe('2026-02-14T00:00:00.000Z');
    expect(fromDbDate(new Date('2026-02-14T00:00:00.000Z'))).toBe('2026-02-14');
  });

  it('agrees with the tz database for Asia/Ho_Chi_Minh on any instant since 1976', () => {
    const vn = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1976, 0, 1), max: Date.UTC(2199, 11, 31) }), (ms) => {
        const instant = new Date(ms);
        expect(toVietnamDate(instant)).toBe(vn.format(instant));
        const start = vietnamDayStart(toVietnamDate(instant));
        expect(start.getTime()).toBeLessThanOrEqual(ms);
        expect(vietnamDayEnd(toVietnamDate(instant)).getTime()).toBeGreaterThan(ms);
      }),
    );
  });

  it('round-trips epoch days', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
        const date: LocalDate = fromEpochDay(n);
        expect(isLocalDate(date)).toBe(true);
        expect(toEpochDay(date)).toBe(n);
        expect(addDays(date, 1) > date).toBe(true);
      }),
    );
  });
});
