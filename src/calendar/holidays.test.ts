import { describe, expect, it } from 'vitest';
import { computeStatutoryHolidays } from './holidays.js';
import { addDays, parseLocalDate, type LocalDate } from './local-date.js';

const datesOf = (year: number, key?: string) =>
  computeStatutoryHolidays(year)
    .filter((h) => !key || h.key === key)
    .map((h) => h.date);

function range(from: string, to: string): LocalDate[] {
  const result: LocalDate[] = [];
  for (let d = parseLocalDate(from); d <= to; d = addDays(d, 1)) result.push(d);
  return result;
}

describe('computeStatutoryHolidays', () => {
  it('gives the 11 statutory days of 2026 and the compensatory Monday after Giỗ Tổ on a Sunday', () => {
    expect(computeStatutoryHolidays(2026).map((h) => [h.date, h.name])).toEqual([
      ['2026-01-01', 'Tết Dương lịch'],
      ['2026-02-16', 'Tết Nguyên đán (29 tháng Chạp)'],
      ['2026-02-17', 'Tết Nguyên đán (mùng 1 Tết)'],
      ['2026-02-18', 'Tết Nguyên đán (mùng 2 Tết)'],
      ['2026-02-19', 'Tết Nguyên đán (mùng 3 Tết)'],
      ['2026-02-20', 'Tết Nguyên đán (mùng 4 Tết)'],
      ['2026-04-26', 'Giỗ Tổ Hùng Vương'],
      ['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/04/2026)'],
      ['2026-04-30', 'Ngày Chiến thắng'],
      ['2026-05-01', 'Quốc tế Lao động'],
      ['2026-09-01', 'Quốc khánh (ngày nghỉ liền kề)'],
      ['2026-09-02', 'Quốc khánh'],
    ]);
    const compensatory = computeStatutoryHolidays(2026).find((h) => h.kind === 'compensatory');
    expect(compensatory).toMatchObject({
      compensatesFor: '2026-04-26',
      source: 'Bộ luật Lao động 2019, Điều 111 khoản 3',
    });
  });

  it('places Tết as the Government did for public bodies, 2020–2026 (5 days + compensatory days)', () => {
    expect(datesOf(2020, 'tet')).toEqual(range('2020-01-23', '2020-01-29'));
    expect(datesOf(2021, 'tet')).toEqual(range('2021-02-10', '2021-02-16'));
    expect(datesOf(2022, 'tet')).toEqual(range('2022-01-31', '2022-02-04'));
    expect(datesOf(2023, 'tet')).toEqual(range('2023-01-20', '2023-01-26'));
    expect(datesOf(2024, 'tet')).toEqual(range('2024-02-08', '2024-02-14'));
    expect(datesOf(2025, 'tet')).toEqual(range('2025-01-27', '2025-01-31'));
    expect(datesOf(2026, 'tet')).toEqual(range('2026-02-16', '2026-02-20'));
  });

  it('places the second National Day next to 2/9 as announced 2021–2026', () => {
    expect(datesOf(2021, 'national_day')).toEqual(['2021-09-02', '2021-09-03']); // Thursday → Friday
    expect(datesOf(2022, 'national_day')).toEqual(['2022-09-01', '2022-09-02']); // Friday → Thursday
    expect(datesOf(2023, 'national_day')).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']); // Saturday
    expect(datesOf(2024, 'national_day')).toEqual(['2024-09-02', '2024-09-03']); // Monday → Tuesday
    expect(datesOf(2025, 'national_day')).toEqual(['2025-09-01', '2025-09-02']); // Tuesday → Monday
    expect(datesOf(2026, 'national_day')).toEqual(['2026-09-01', '2026-09-02']); // Wednesday → Tuesday
  });

  it('gives a compensatory day for 30/4 and 1/5 on a weekend, one each, after both', () => {
    // 2022: Saturday 30/4 and Sunday 1/5 → Monday 2/5 and Tuesday 3/5.
    const days = computeStatutoryHolidays(2022).filter(
      (h) => h.key === 'victory_day' || h.key === 'labour_day',
    );
    expect(days.map((h) => [h.date, h.kind])).toEqual([
      ['2022-04-30', 'holiday'],
      ['2022-05-01', 'holiday'],
      ['2022-05-02', 'compensatory'],
      ['2022-05-03', 'compensatory'],
    ]);
  });

  it('uses the unit’s own weekly rest days for compensation', () => {
    // A unit that works Saturdays: Saturday 1/5/2027 is then an ordinary holiday, no compensation.
    const sundayOnly = computeStatutoryHolidays(2027, [0]);
    expect(sundayOnly.filter((h) => h.kind === 'compensatory').map((h) => h.date)).not.toContain(
      '2027-05-03',
    );
  });

  it('never places two days off on the same date', () => {
    for (let year = 2000; year <= 2100; year++) {
      const dates = datesOf(year);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.length).toBeGreaterThanOrEqual(11);
    }
  });
});
