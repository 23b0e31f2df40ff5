import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStatutoryHolidays } from './holidays.js';
import {
  addDays,
  dayOfWeek,
  fromEpochDay,
  parseLocalDate,
  toEpochDay,
  type LocalDate,
} from './local-date.js';
import {
  OFFICIAL_OVERRIDES,
  OFFICIAL_OVERRIDES_2025,
  OFFICIAL_OVERRIDES_2026,
} from './official-overrides.js';
import { createWorkingCalendar } from './working-calendar.js';

const d = (s: string) => parseLocalDate(s);
const official = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });

function daysOffBetween(from: string, to: string): LocalDate[] {
  const result: LocalDate[] = [];
  for (let day = d(from); day <= to; day = addDays(day, 1)) if (official.isDayOff(day)) result.push(day);
  return result;
}

const anyDate = fc
  .integer({ min: toEpochDay(d('2018-01-01')), max: toEpochDay(d('2032-12-31')) })
  .map((n) => fromEpochDay(n));

describe('working calendar with the official 2025–2026 schedules', () => {
  it('gives Tết 2026 as 14–22/02/2026, all days off, and work again on 23/02', () => {
    expect(daysOffBetween('2026-02-13', '2026-02-23')).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    expect(official.dayOffReason(d('2026-02-17'))).toBe('Tết Nguyên đán (mùng 1 Tết)');
    expect(official.dayStatus(d('2026-02-17')).source).toMatch(/9441\/TB-BNV/);
  });

  it('gives 01–04/01/2026 off and makes Saturday 10/01/2026 a working day', () => {
    expect(daysOffBetween('2026-01-01', '2026-01-11')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-01-11',
    ]);
    expect(official.isWorkingDay(d('2026-01-10'))).toBe(true);
    expect(official.dayStatus(d('2026-01-10'))).toMatchObject({ working: true, origin: 'override' });
    expect(official.dayOffReason(d('2026-01-02'))).toMatch(/Nghỉ hoán đổi/);
  });

  it('gives Giỗ Tổ 2026 on Sunday 26/04 with Monday 27/04 off, then 30/04 and 01/05', () => {
    expect(daysOffBetween('2026-04-24', '2026-05-04')).toEqual([
      '2026-04-25',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
    ]);
    expect(official.dayOffReason(d('2026-04-27'))).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/04/2026)');
  });

  it('gives National Day 2026 as 29/08–02/09 with Saturday 22/08 worked', () => {
    expect(daysOffBetween('2026-08-22', '2026-09-03')).toEqual([
      '2026-08-23',
      '2026-08-29',
      '2026-08-30',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(official.isWorkingDay(d('2026-08-22'))).toBe(true);
  });

  it('gives the 2025 schedule: Tết 25/01–02/02, 30/04–04/05 with 26/04 worked, 30/08–02/09', () => {
    expect(daysOffBetween('2025-01-24', '2025-02-03')).toEqual([
      '2025-01-25',
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
    ]);
    expect(daysOffBetween('2025-04-26', '2025-05-05')).toEqual([
      '2025-04-27',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
    ]);
    expect(official.isWorkingDay(d('2025-04-26'))).toBe(true);
    expect(daysOffBetween('2025-08-29', '2025-09-03')).toEqual([
      '2025-08-30',
      '2025-08-31',
      '2025-09-01',
      '2025-09-02',
    ]);
    expect(official.isWorkingDay(d('2025-04-07'))).toBe(false); // Giỗ Tổ, a Monday
  });

  it('ships statutory-day entries that agree with the computed holidays (only swaps change a status)', () => {
    const bare = createWorkingCalendar();
    for (const entry of [...OFFICIAL_OVERRIDES_2025, ...OFFICIAL_OVERRIDES_2026]) {
      const isSwap = /hoán đổi|Làm bù/.test(entry.name);
      if (!isSwap) {
        expect(bare.isDayOff(entry.date), entry.date).toBe(entry.type === 'day_off');
        expect(
          computeStatutoryHolidays(Number(entry.date.slice(0, 4))).some((h) => h.date === entry.date),
        ).toBe(true);
      }
      expect(entry.source.length).toBeGreaterThan(10);
    }
  });

  it('lists 2026 for the calendar command: holidays, compensatory days and swaps, no plain weekends', () => {
    const listed = official.listDaysOff(2026);
    expect(listed.map((s) => `${s.date} ${s.working ? 'làm việc' : 'nghỉ'}`)).toEqual([
      '2026-01-01 nghỉ',
      '2026-01-02 nghỉ',
      '2026-01-10 làm việc',
      '2026-02-16 nghỉ',
      '2026-02-17 nghỉ',
      '2026-02-18 nghỉ',
      '2026-02-19 nghỉ',
      '2026-02-20 nghỉ',
      '2026-04-26 nghỉ',
      '2026-04-27 nghỉ',
      '2026-04-30 nghỉ',
      '2026-05-01 nghỉ',
      '2026-08-22 làm việc',
      '2026-08-31 nghỉ',
      '2026-09-01 nghỉ',
      '2026-09-02 nghỉ',
    ]);
    expect(listed.every((s) => s.name)).toBe(true);
  });
});

describe('overrides', () => {
  it('lets a later (organisation) entry win over an earlier (national) one for the same date', () => {
    const cal = createWorkingCalendar({
      overrides: [
        ...OFFICIAL_OVERRIDES,
        {
          date: d('2026-01-10'),
          type: 'day_off',
          name: 'Nghỉ theo quyết định của Giám đốc',
          source: 'QĐ 1/QĐ-TTYT',
        },
      ],
    });
    expect(cal.dayOffReason(d('2026-01-10'))).toBe('Nghỉ theo quyết định của Giám đốc');
  });

  it('removes a computed holiday when a notice moves it (working_day on the computed date)', () => {
    // Suppose a notice put Tết 2027 on 04–08/02 instead of the computed 05–09/02 (+ 10, 11).
    const cal = createWorkingCalendar({
      overrides: [
        {
          date: d('2027-02-04'),
          type: 'day_off',
          name: 'Tết Nguyên đán (28 tháng Chạp)',
          source: 'Thông báo giả định',
        },
        { date: d('2027-02-09'), type: 'working_day', name: 'Làm việc', source: 'Thông báo giả định' },
      ],
    });
    expect(cal.isDayOff(d('2027-02-04'))).toBe(true);
    expect(cal.isWorkingDay(d('2027-02-09'))).toBe(true);
    expect(cal.isDayOff(d('2027-02-10'))).toBe(true);
  });

  it('refuses malformed data', () => {
    expect(() =>
      createWorkingCalendar({
        overrides: [{ date: '2026-02-30' as LocalDate, type: 'day_off', name: 'x', source: 'y' }],
      }),
    ).toThrow(/không hợp lệ/);
    expect(() => createWorkingCalendar({ weekendDays: [0, 1, 2, 3, 4, 5, 6] })).toThrow();
  });
});

describe('working-day arithmetic', () => {
  it('starts counting the day after and skips Tết', () => {
    // Friday 13/02/2026 + 1 working day → Monday 23/02/2026.
    expect(official.addWorkingDays(d('2026-02-13'), 1)).toBe('2026-02-23');
    expect(official.addWorkingDays(d('2026-02-13'), 5)).toBe('2026-02-27');
    expect(official.addWorkingDays(d('2026-02-23'), -1)).toBe('2026-02-13');
    expect(official.addWorkingDays(d('2026-02-14'), 0)).toBe('2026-02-14');
    expect(official.countWorkingDays(d('2026-02-13'), d('2026-02-27'))).toBe(5);
    expect(official.countWorkingDays(d('2026-02-27'), d('2026-02-13'))).toBe(-5);
  });

  it('rolls a calendar-day period that ends on a day off to the next working day', () => {
    // 30 days from Thursday 15/01/2026 → Saturday 14/02/2026, Tết → Monday 23/02/2026.
    expect(official.addCalendarDays(d('2026-01-15'), 30)).toBe('2026-02-23');
    expect(official.addCalendarDays(d('2026-01-14'), 30)).toBe('2026-02-13');
  });

  it('finds working days around a long break', () => {
    expect(official.nextWorkingDay(d('2026-02-13'))).toBe('2026-02-23');
    expect(official.workingDayOnOrAfter(d('2026-02-13'))).toBe('2026-02-13');
    expect(official.workingDayOnOrAfter(d('2026-02-14'))).toBe('2026-02-23');
  });

  it('property: addWorkingDays lands on a working day and counting back gives n', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 120 }), (start, n) => {
        const end = official.addWorkingDays(start, n);
        expect(official.isWorkingDay(end)).toBe(true);
        expect(official.countWorkingDays(start, end)).toBe(n);
        expect(official.countWorkingDays(start, addDays(end, -1))).toBe(n - 1);
      }),
    );
  });

  it('property: going back |n| working days undoes going forward from a working day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const start = official.workingDayOnOrAfter(date);
        expect(official.addWorkingDays(official.addWorkingDays(start, n), -n)).toBe(start);
      }),
    );
  });

  it('property: a calendar-day period never ends on a day off and never ends early', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 400 }), (start, n) => {
        const end = official.addCalendarDays(start, n);
        expect(official.isWorkingDay(end)).toBe(true);
        expect(end >= addDays(start, n)).toBe(true);
        for (let day = addDays(start, n); day < end; day = addDays(day, 1))
          expect(official.isDayOff(day)).toBe(true);
      }),
    );
  });

  it('property: weekends are days off unless an override says otherwise', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const status = official.dayStatus(date);
        const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
        if (weekend && status.origin !== 'override') expect(status.working).toBe(false);
        if (status.working) expect(official.dayOffReason(date)).toBeUndefined();
        else expect(official.dayOffReason(date)).toBeTruthy();
      }),
    );
  });
});
