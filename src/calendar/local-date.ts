import { AppError } from '../core/app-error.js';

/**
 * A calendar date in Vietnam, as 'YYYY-MM-DD'. Deadlines are counted in whole days, so dates are
 * kept apart from instants: every conversion between the two goes through the fixed UTC+7 offset
 * below, never through the process time zone.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** 0 = Sunday … 6 = Saturday, as in `Date#getUTCDay`. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

// Vietnam has kept UTC+7 without daylight saving since 1975; a fixed offset is both correct and
// independent of the tz database installed on the server.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VIETNAMESE_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return isValidYmd(y, m, d);
}

/** Parses 'YYYY-MM-DD'; throws a validation error for anything else (including 2026-02-30). */
export function parseLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) {
    throw new AppError('validation', `Ngày không hợp lệ: "${value}" (cần dạng YYYY-MM-DD).`, { value });
  }
  return value;
}

/** Accepts what people type: 'YYYY-MM-DD' or the Vietnamese 'dd/mm/yyyy' (e.g. 14/2/2026). */
export function parseUserDate(value: string): LocalDate {
  const text = value.trim();
  const vn = VIETNAMESE_DATE.exec(text);
  if (vn) {
    const [, d, m, y] = vn.map(Number) as [number, number, number, number];
    if (isValidYmd(y, m, d)) return fromYmd(y, m, d);
  } else if (isLocalDate(text)) {
    return text;
  }
  throw new AppError('validation', `Ngày không hợp lệ: "${value}" (cần dạng dd/mm/yyyy hoặc YYYY-MM-DD).`, {
    value,
  });
}

export function fromYmd(year: number, month: number, day: number): LocalDate {
  if (!isValidYmd(year, month, day)) {
    throw new AppError('validation', `Ngày không hợp lệ: ${day}/${month}/${year}.`, { year, month, day });
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
}

export function toYmd(date: LocalDate): { year: number; month: number; day: number } {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** Days since 1970-01-01; the single integer all date arithmetic goes through. */
export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = toYmd(date);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return fromYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO strings of equal length sort as dates, so plain string comparison is exact. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

export function dayOfWeek(date: LocalDate): DayOfWeek {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 4) % 7) + 7) % 7) as DayOfWeek;
}

/** The Vietnamese calendar date of an instant, whatever the process time zone. */
export function toVietnamDate(instant: Date): LocalDate {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return fromYmd(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The instant at which `date` begins in Vietnam (00:00 UTC+7). */
export function vietnamDayStart(date: LocalDate): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY - VIETNAM_OFFSET_MS);
}

/** The instant at which `date` ends in Vietnam: the start of the next day (exclusive bound). */
export function vietnamDayEnd(date: LocalDate): Date {
  return vietnamDayStart(addDays(date, 1));
}

/** Accepts either form wherever a caller may hold an instant (a pause button press) or a date. */
export function toLocalDate(value: Date | LocalDate): LocalDate {
  return value instanceof Date ? toVietnamDate(value) : value;
}

/**
 * Prisma maps `@db.Date` columns to a `Date` at UTC midnight; these two keep that convention in one
 * place so no repository reads such a value through the process time zone.
 */
export function fromDbDate(value: Date): LocalDate {
  return fromYmd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
}

export function toDbDate(date: LocalDate): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY);
}

/** 'dd/mm/yyyy', the form Vietnamese letters and messages use. */
export function formatVietnameseDate(date: LocalDate): string {
  const { year, month, day } = toYmd(date);
  return `${pad(day, 2)}/${pad(month, 2)}/${year}`;
}

const WEEKDAY_NAMES_VI: Record<DayOfWeek, string> = {
  0: 'Chủ nhật',
  1: 'Thứ Hai',
  2: 'Thứ Ba',
  3: 'Thứ Tư',
  4: 'Thứ Năm',
  5: 'Thứ Sáu',
  6: 'Thứ Bảy',
};

export function weekdayNameVi(day: DayOfWeek): string {
  return WEEKDAY_NAMES_VI[day];
}

/** e.g. 'Thứ Bảy, 14/02/2026'. */
export function formatVietnameseDateWithWeekday(date: LocalDate): string {
  return `${weekdayNameVi(dayOfWeek(date))}, ${formatVietnameseDate(date)}`;
}

function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
