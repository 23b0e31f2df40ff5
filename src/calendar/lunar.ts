import { AppError } from '../core/app-error.js';
import { fromEpochDay, toEpochDay, yearOf, type LocalDate } from './local-date.js';

/**
 * Gregorian ⇄ Vietnamese lunar calendar, after Hồ Ngọc Đức's published algorithm ("Âm lịch Việt
 * Nam"): new moons and solar terms from Jean Meeus' formulas, evaluated at the meridian of UTC+7.
 * The time zone matters — the Chinese calendar (UTC+8) sometimes starts a month a day later, which
 * is why Vietnam and China celebrated Tết on different days in 1985.
 *
 * Accurate for 1800–2199, the range the algorithm was checked against; outside it we refuse rather
 * than guess.
 */
export interface LunarDate {
  day: number;
  /** 1 = tháng Giêng … 12 = tháng Chạp. */
  month: number;
  /** The lunar year, named after the Gregorian year in which it mostly falls (Tết 2026 → 2026). */
  year: number;
  /** True for the intercalary (nhuận) month that repeats `month`. */
  leap: boolean;
}

const VIETNAM_TIME_ZONE_HOURS = 7;
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;
// Julian Day Number of 1970-01-01, to move between our epoch days and the astronomers' day count.
const JULIAN_DAY_OF_UNIX_EPOCH = 2440588;
const SYNODIC_MONTH = 29.530588853;
// Julian day of the new moon of 1900-01-01, the reference the month index k is counted from.
const NEW_MOON_EPOCH = 2415021.076998695;

/** `timeZoneHours` exists to compare with calendars of other meridians (China: 8); Vietnam's is 7. */
export function solarToLunar(date: LocalDate, timeZoneHours = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  assertSupportedYear(yearOf(date));
  const tz = timeZoneHours;
  const dayNumber = toEpochDay(date) + JULIAN_DAY_OF_UNIX_EPOCH;
  // The mean-month estimate can miss by one month where a true new moon is far from the mean one
  // (seen in April 2062): step until the month that starts on or before the day and ends after it.
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  while (monthStart > dayNumber) {
    k -= 1;
    monthStart = newMoonDay(k + 1, tz);
  }
  while (newMoonDay(k + 2, tz) <= dayNumber) {
    k += 1;
    monthStart = newMoonDay(k + 1, tz);
  }

  const gregorianYear = yearOf(date);
  let a11 = lunarMonth11(gregorianYear, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = gregorianYear;
    a11 = lunarMonth11(gregorianYear - 1, tz);
  } else {
    lunarYear = gregorianYear + 1;
    b11 = lunarMonth11(gregorianYear + 1, tz);
  }

  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapMonthDiff = leapMonthOffset(a11, tz);
    if (diff >= leapMonthDiff) {
      month = diff + 10;
      if (diff === leapMonthDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leap };
}

/** The Gregorian date of a lunar date; throws if that date does not exist (e.g. a leap month that year lacks). */
export function lunarToSolar(lunar: LunarDate, timeZoneHours = VIETNAM_TIME_ZONE_HOURS): LocalDate {
  const { day, month, year, leap } = lunar;
  assertSupportedYear(year);
  const tz = timeZoneHours;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) throw nonexistent(lunar);
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw nonexistent(lunar);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const monthStart = newMoonDay(k + offset, tz);
  const monthLength = newMoonDay(k + offset + 1, tz) - monthStart;
  if (!Number.isInteger(day) || day < 1 || day > monthLength) throw nonexistent(lunar);
  return fromEpochDay(monthStart + day - 1 - JULIAN_DAY_OF_UNIX_EPOCH);
}

/** Mùng 1 tháng Giêng of the lunar year that begins in Gregorian `year`. */
export function lunarNewYear(year: number, timeZoneHours = VIETNAM_TIME_ZONE_HOURS): LocalDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }, timeZoneHours);
}

/** Vietnamese name of a lunar month: "tháng Giêng", "tháng Chạp", "tháng 3 nhuận". */
export function lunarMonthNameVi(month: number, leap = false): string {
  const base = month === 1 ? 'tháng Giêng' : month === 12 ? 'tháng Chạp' : `tháng ${month}`;
  return leap ? `${base} nhuận` : base;
}

function nonexistent(lunar: LunarDate): AppError {
  return new AppError(
    'validation',
    `Không có ngày âm lịch ${lunar.day} ${lunarMonthNameVi(lunar.month, lunar.leap)} năm ${lunar.year}.`,
    { lunar },
  );
}

function assertSupportedYear(year: number): void {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError('validation', `Chỉ hỗ trợ âm lịch từ năm ${MIN_YEAR} đến ${MAX_YEAR}.`, { year });
  }
}

/** Julian day (fractional, UT) of the k-th new moon after the 1900-01-01 reference (Meeus ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians, normalised to [0, 2π), at Julian day `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= Math.PI * 2 * Math.floor(L / (Math.PI * 2));
  return L;
}

/** Julian Day Number of the local civil day on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** Which of the 12 major solar terms (0–11, 30° each) is in force at the start of local day `dayNumber`. */
function solarTermIndex(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Start (JDN) of the lunar month that contains the winter solstice (month 11) of Gregorian `year`. */
function lunarMonth11(year: number, timeZone: number): number {
  const dec31 = toEpochDay(`${year}-12-31` as LocalDate) + JULIAN_DAY_OF_UNIX_EPOCH;
  const off = dec31 - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  let nm = newMoonDay(k, timeZone);
  if (solarTermIndex(nm, timeZone) >= 9) nm = newMoonDay(k - 1, timeZone);
  return nm;
}

/** In a 13-month year, the offset from month 11 of the first month that contains no major solar term. */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let last: number;
  let i = 1;
  let arc = solarTermIndex(newMoonDay(k + i, timeZone), timeZone);
  do {
    last = arc;
    i++;
    arc = solarTermIndex(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}
