import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, parseLocalDate, toEpochDay } from './local-date.js';
import { lunarMonthNameVi, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.js';

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2020, '2020-01-25'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết %i is %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it('puts Tết 2030 on 02/02, a day before China (new moon at 23:07 in Hà Nội, 00:07 in Beijing)', () => {
    expect(lunarNewYear(2030)).toBe('2030-02-02');
    expect(lunarNewYear(2030, 8)).toBe('2030-02-03');
  });

  it('reproduces 1985, when Vietnam had Tết a month before China', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(1985, 8)).toBe('1985-02-20');
  });

  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương (10/3 âm lịch) %i is %s', (year, date) => {
    expect(lunarToSolar({ day: 10, month: 3, year, leap: false })).toBe(date);
  });

  it('converts Gregorian dates to lunar dates, including a leap month', () => {
    expect(solarToLunar(parseLocalDate('2026-02-16'))).toEqual({
      day: 29,
      month: 12,
      year: 2025,
      leap: false,
    });
    expect(solarToLunar(parseLocalDate('2026-02-17'))).toEqual({ day: 1, month: 1, year: 2026, leap: false });
    // 2025 had a leap 6th month (tháng 6 nhuận) starting 25/07/2025.
    expect(solarToLunar(parseLocalDate('2025-07-25'))).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(solarToLunar(parseLocalDate('2025-06-25'))).toEqual({ day: 1, month: 6, year: 2025, leap: false });
    // 2023 had a leap 2nd month.
    expect(solarToLunar(parseLocalDate('2023-03-22'))).toEqual({ day: 1, month: 2, year: 2023, leap: true });
  });

  it('refuses lunar dates that do not exist', () => {
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toThrow(/Không có ngày âm lịch/);
    expect(() => lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toThrow(
      /Không có ngày âm lịch/,
    );
    expect(() => solarToLunar(parseLocalDate('1700-01-01'))).toThrow(/Chỉ hỗ trợ/);
  });

  it('names months the Vietnamese way', () => {
    expect(lunarMonthNameVi(1)).toBe('tháng Giêng');
    expect(lunarMonthNameVi(12)).toBe('tháng Chạp');
    expect(lunarMonthNameVi(6, true)).toBe('tháng 6 nhuận');
  });

  it('round-trips every day from 1900 to 2150 and moves one lunar day per solar day', () => {
    // Exhaustive rather than sampled: a sampled run once missed a month boundary in April 2062.
    const min = toEpochDay(parseLocalDate('1900-01-01'));
    const max = toEpochDay(parseLocalDate('2150-12-30'));
    let lunar = solarToLunar(fromEpochDay(min));
    for (let n = min; n < max; n++) {
      const date = fromEpochDay(n);
      if (lunarToSolar(lunar) !== date) expect(lunarToSolar(lunar), `${date}`).toBe(date);
      const next = solarToLunar(addDays(date, 1));
      const ok =
        next.day === 1
          ? lunar.day === 29 || lunar.day === 30
          : next.day === lunar.day + 1 &&
            next.month === lunar.month &&
            next.year === lunar.year &&
            next.leap === lunar.leap;
      if (!ok) expect({ date, lunar, next }).toBe('one lunar day per solar day');
      lunar = next;
    }
  });
});
