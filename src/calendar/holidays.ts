import {
  addDays,
  dayOfWeek,
  formatVietnameseDate,
  fromYmd,
  toYmd,
  weekdayNameVi,
  type DayOfWeek,
  type LocalDate,
} from './local-date.js';
import { lunarMonthNameVi, lunarToSolar, solarToLunar } from './lunar.js';
import {
  STATUTORY_HOLIDAYS,
  type HolidayAnchor,
  type HolidayKey,
  type HolidayRule,
  type HolidayRuleSet,
} from './statutory-holidays.js';

export interface Holiday {
  date: LocalDate;
  key: HolidayKey;
  kind: 'holiday' | 'compensatory';
  /** Vietnamese, shown as is: "Tết Nguyên đán (mùng 1 Tết)", "Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/04/2026)". */
  name: string;
  source: string;
  /** For a compensatory day, the holiday that fell on a weekly rest day. */
  compensatesFor?: LocalDate;
}

export const DEFAULT_WEEKEND_DAYS: readonly DayOfWeek[] = [6, 0];

/**
 * The statutory days off of `year`, computed without any official notice.
 *
 * Where the law leaves the placement open (which 5 days of Tết, which neighbour of 2/9) we follow
 * what the Government has chosen for public bodies:
 *  1. a placement with no day on a weekly rest day wins (Tết 2025: 27–31/01, Mon–Fri);
 *  2. otherwise the rule's customary start, if it has one (Tết: 29 tháng Chạp — 2020, 2021, 2023,
 *     2024 and, being also Mon–Fri, 2022 and 2026);
 *  3. then the fewest rest days, the longest unbroken break with the adjacent weekend, and the
 *     order of the options (2/9: the Monday 1/9/2025, the Friday 3/9/2021, the Tuesday 1/9/2026).
 * That reproduces every Tết 2020–2026 and every 2/9 2021–2026. Swapped working days cannot be
 * predicted and come only from the official overrides.
 *
 * A holiday on a weekly rest day gives the next day that is neither a rest day nor another holiday
 * (Điều 111 khoản 3); several such days are served in date order, so a Tết that straddles a weekend
 * is followed by its compensatory days.
 *
 * The same rules are applied to years before 2021, when the 2012 Code gave one day for 2/9: fine for
 * arithmetic near those years, not a historical record.
 */
export function computeStatutoryHolidays(
  year: number,
  weekendDays: readonly DayOfWeek[] = DEFAULT_WEEKEND_DAYS,
  rules: HolidayRuleSet = STATUTORY_HOLIDAYS,
): Holiday[] {
  const isRestDay = (d: LocalDate): boolean => weekendDays.includes(dayOfWeek(d));
  const holidays: Holiday[] = [];
  for (const rule of rules.rules) {
    const anchor = anchorDate(rule, year);
    const firstDay = choosePlacement(rule, anchor, isRestDay);
    for (let i = 0; i < rule.length; i++) {
      const date = addDays(firstDay, i);
      holidays.push({
        date,
        key: rule.key,
        kind: 'holiday',
        name: dayName(rule, date, anchor),
        source: rule.source,
      });
    }
  }
  holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return addCompensatoryDays(holidays, isRestDay, rules);
}

function anchorDate(rule: HolidayRule, year: number): LocalDate {
  const { calendar, month, day } = rule.anchor;
  return calendar === 'solar' ? fromYmd(year, month, day) : lunarToSolar({ day, month, year, leap: false });
}

function choosePlacement(
  rule: HolidayRule,
  anchor: LocalDate,
  isRestDay: (d: LocalDate) => boolean,
): LocalDate {
  const candidates = rule.daysBeforeAnchorOptions.map((before) => {
    const first = addDays(anchor, -before);
    const last = addDays(first, rule.length - 1);
    let restDays = 0;
    for (let d = first; d <= last; d = addDays(d, 1)) if (isRestDay(d)) restDays++;
    let run = rule.length;
    for (let d = addDays(first, -1); isRestDay(d); d = addDays(d, -1)) run++;
    for (let d = addDays(last, 1); isRestDay(d); d = addDays(d, 1)) run++;
    const customary = rule.preferredFirstDay !== undefined && matchesAnchor(first, rule.preferredFirstDay);
    return { first, restDays, run, customary };
  });
  const clear = candidates.filter((c) => c.restDays === 0);
  const pool = clear.length > 0 ? clear : candidates;
  const customary = pool.find((c) => c.customary);
  if (customary) return customary.first;
  let best = pool[0];
  for (const c of pool) {
    if (!best || c.restDays < best.restDays || (c.restDays === best.restDays && c.run > best.run)) best = c;
  }
  if (!best) throw new Error(`Holiday rule ${rule.key} has no placement option`);
  return best.first;
}

function matchesAnchor(date: LocalDate, anchor: HolidayAnchor): boolean {
  if (anchor.calendar === 'solar') {
    const { month, day } = toYmd(date);
    return month === anchor.month && day === anchor.day;
  }
  const lunar = solarToLunar(date);
  return !lunar.leap && lunar.month === anchor.month && lunar.day === anchor.day;
}

function dayName(rule: HolidayRule, date: LocalDate, anchor: LocalDate): string {
  if (rule.dayLabel === 'lunar_date') {
    const lunar = solarToLunar(date);
    const label =
      lunar.month === rule.anchor.month && lunar.day <= 10
        ? `mùng ${lunar.day} Tết`
        : `${lunar.day} ${lunarMonthNameVi(lunar.month, lunar.leap)}`;
    return `${rule.name} (${label})`;
  }
  if (rule.dayLabel === 'adjacent_day' && date !== anchor) return `${rule.name} (ngày nghỉ liền kề)`;
  return rule.name;
}

function addCompensatoryDays(
  holidays: Holiday[],
  isRestDay: (d: LocalDate) => boolean,
  rules: HolidayRuleSet,
): Holiday[] {
  const taken = new Set(holidays.map((h) => h.date));
  const result = [...holidays];
  for (const holiday of holidays) {
    if (!isRestDay(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isRestDay(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    const baseName = rules.rules.find((r) => r.key === holiday.key)?.name ?? holiday.name;
    result.push({
      date: day,
      key: holiday.key,
      kind: 'compensatory',
      name: `${rules.compensatory.namePrefix} ${baseName} (${weekdayNameVi(dayOfWeek(holiday.date))} ${formatVietnameseDate(holiday.date)})`,
      source: rules.compensatory.source,
      compensatesFor: holiday.date,
    });
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
