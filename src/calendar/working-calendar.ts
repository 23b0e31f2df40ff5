import { AppError } from '../core/app-error.js';
import type { CalendarOverride } from './calendar-override.js';
import { computeStatutoryHolidays, DEFAULT_WEEKEND_DAYS, type Holiday } from './holidays.js';
import {
  addDays,
  dayOfWeek,
  fromYmd,
  isLocalDate,
  weekdayNameVi,
  yearOf,
  type DayOfWeek,
  type LocalDate,
} from './local-date.js';
import { STATUTORY_HOLIDAYS, type HolidayRuleSet } from './statutory-holidays.js';

export interface WorkingCalendarOptions {
  /** Weekly rest days, 0 = Sunday … 6 = Saturday; Saturday and Sunday unless a unit works Saturdays. */
  weekendDays?: readonly DayOfWeek[];
  /**
   * Official notices first, then the organisation's own days; for the same date the later entry
   * wins, so an organisation can correct a national entry for itself.
   */
  overrides?: readonly CalendarOverride[];
  holidayRules?: HolidayRuleSet;
}

/** Why a day is what it is, in the order of precedence: override, holiday, weekly rest, ordinary day. */
export type DayOrigin = 'override' | 'holiday' | 'compensatory' | 'weekend' | 'regular';

export interface DayStatus {
  date: LocalDate;
  working: boolean;
  origin: DayOrigin;
  /** Vietnamese: why the day is off, or the name of a swapped-in working day. */
  name?: string;
  source?: string;
}

export interface WorkingCalendar {
  readonly weekendDays: readonly DayOfWeek[];
  dayStatus(date: LocalDate): DayStatus;
  isDayOff(date: LocalDate): boolean;
  isWorkingDay(date: LocalDate): boolean;
  /** Vietnamese reason for a day off; undefined on a working day. */
  dayOffReason(date: LocalDate): string | undefined;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** `date` itself if it is a working day, else the next one. */
  workingDayOnOrAfter(date: LocalDate): LocalDate;
  /**
   * The n-th working day after `date` (counting starts the day after, Bộ luật Dân sự Điều 147);
   * for negative n, the |n|-th working day before it; `date` itself for 0.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /**
   * `date` + n calendar days; a period that ends on a day off ends on the next working day
   * instead (Bộ luật Dân sự Điều 148 khoản 5).
   */
  addCalendarDays(date: LocalDate, n: number): LocalDate;
  /** Working days in (from, to]; negative when `to` is before `from`. */
  countWorkingDays(from: LocalDate, to: LocalDate): number;
  /** Every day of `year` that differs from a plain week: holidays, compensatory and swapped days. */
  listDaysOff(year: number): DayStatus[];
  /** The statutory holidays computed for `year` before any override. */
  statutoryHolidays(year: number): readonly Holiday[];
}

// Far more than any run of consecutive days off; reaching it means the calendar data is broken.
const MAX_DAYS_SCANNED = 366 * 2;

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const weekendDays = [...new Set(options.weekendDays ?? DEFAULT_WEEKEND_DAYS)];
  if (weekendDays.length >= 7 || weekendDays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw new AppError('validation', 'Ngày nghỉ hằng tuần không hợp lệ.', { weekendDays });
  }
  const holidayRules = options.holidayRules ?? STATUTORY_HOLIDAYS;
  const overrides = new Map<LocalDate, CalendarOverride>();
  for (const override of options.overrides ?? []) {
    if (!isLocalDate(override.date)) {
      throw new AppError('validation', `Ngày điều chỉnh lịch không hợp lệ: "${String(override.date)}".`, {
        override,
      });
    }
    overrides.set(override.date, override);
  }

  const holidaysByYear = new Map<number, { list: readonly Holiday[]; byDate: Map<LocalDate, Holiday> }>();
  const holidaysOf = (year: number) => {
    let entry = holidaysByYear.get(year);
    if (!entry) {
      const list = computeStatutoryHolidays(year, weekendDays, holidayRules);
      entry = { list, byDate: new Map(list.map((h) => [h.date, h])) };
      holidaysByYear.set(year, entry);
    }
    return entry;
  };

  const dayStatus = (date: LocalDate): DayStatus => {
    const override = overrides.get(date);
    if (override) {
      return {
        date,
        working: override.type === 'working_day',
        origin: 'override',
        name: override.name,
        source: override.source,
      };
    }
    const holiday = holidaysOf(yearOf(date)).byDate.get(date);
    if (holiday) {
      return {
        date,
        working: false,
        origin: holiday.kind === 'holiday' ? 'holiday' : 'compensatory',
        name: holiday.name,
        source: holiday.source,
      };
    }
    const weekday = dayOfWeek(date);
    if (weekendDays.includes(weekday)) {
      return { date, working: false, origin: 'weekend', name: `Nghỉ hằng tuần (${weekdayNameVi(weekday)})` };
    }
    return { date, working: true, origin: 'regular' };
  };

  const isWorkingDay = (date: LocalDate): boolean => dayStatus(date).working;

  const step = (date: LocalDate, direction: 1 | -1): LocalDate => {
    let day = date;
    for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
      day = addDays(day, direction);
      if (isWorkingDay(day)) return day;
    }
    throw new AppError('internal', 'Lịch làm việc không có ngày làm việc nào trong hai năm liền.', { date });
  };

  const addWorkingDays = (date: LocalDate, n: number): LocalDate => {
    assertWholeNumber(n);
    let day = date;
    const direction = n < 0 ? -1 : 1;
    for (let i = 0; i < Math.abs(n); i++) day = step(day, direction);
    return day;
  };

  const countWorkingDays = (from: LocalDate, to: LocalDate): number => {
    if (to < from) return -countWorkingDays(to, from);
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++;
    return count;
  };

  const listDaysOff = (year: number): DayStatus[] => {
    const result: DayStatus[] = [];
    const end = fromYmd(year, 12, 31);
    for (let day = fromYmd(year, 1, 1); day <= end; day = addDays(day, 1)) {
      const status = dayStatus(day);
      if (status.origin !== 'weekend' && status.origin !== 'regular') result.push(status);
    }
    return result;
  };

  return {
    weekendDays,
    dayStatus,
    isWorkingDay,
    isDayOff: (date) => !isWorkingDay(date),
    dayOffReason: (date) => {
      const status = dayStatus(date);
      return status.working ? undefined : status.name;
    },
    nextWorkingDay: (date) => step(date, 1),
    workingDayOnOrAfter: (date) => (isWorkingDay(date) ? date : step(date, 1)),
    addWorkingDays,
    addCalendarDays: (date, n) => {
      assertWholeNumber(n);
      const end = addDays(date, n);
      return isWorkingDay(end) ? end : step(end, 1);
    },
    countWorkingDays,
    listDaysOff,
    statutoryHolidays: (year) => holidaysOf(year).list,
  };
}

function assertWholeNumber(n: number): void {
  if (!Number.isInteger(n)) throw new AppError('validation', `Số ngày phải là số nguyên: ${n}.`, { n });
}
