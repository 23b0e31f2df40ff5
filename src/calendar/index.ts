export {
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  formatVietnameseDate,
  formatVietnameseDateWithWeekday,
  fromDbDate,
  fromYmd,
  isLocalDate,
  parseLocalDate,
  parseUserDate,
  toDbDate,
  toLocalDate,
  toVietnamDate,
  vietnamDayEnd,
  vietnamDayStart,
  weekdayNameVi,
  yearOf,
  type DayOfWeek,
  type LocalDate,
} from './local-date.js';
export { lunarMonthNameVi, lunarNewYear, lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
export { computeStatutoryHolidays, DEFAULT_WEEKEND_DAYS, type Holiday } from './holidays.js';
export { STATUTORY_HOLIDAYS, type HolidayKey } from './statutory-holidays.js';
export { ZCalendarOverrideSchema, type CalendarOverride } from './calendar-override.js';
export {
  OFFICIAL_OVERRIDES,
  OFFICIAL_OVERRIDES_2025,
  OFFICIAL_OVERRIDES_2026,
} from './official-overrides.js';
export {
  createWorkingCalendar,
  type DayOrigin,
  type DayStatus,
  type WorkingCalendar,
  type WorkingCalendarOptions,
} from './working-calendar.js';
