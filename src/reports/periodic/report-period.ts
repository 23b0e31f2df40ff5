// The period a report covers, named by the code officers type ("2026-Q3") and printed with the
// Vietnamese label the plans use ("Quý III năm 2026"). Boundaries are Vietnamese calendar days
// (Asia/Ho_Chi_Minh, UTC+7 without daylight saving): a case received at 23:30 on 30/9 in Hà Nội
// belongs to the third quarter whatever the server's time zone.
import {
  addDays,
  daysBetween,
  formatVietnameseDate,
  fromYmd,
  isLocalDate,
  toVietnamDate,
  toYmd,
  vietnamDayStart,
  type LocalDate,
} from '../../calendar/local-date.js';
import { AppError } from '../../core/app-error.js';

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'nine_months', 'year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod {
  kind: PeriodKind;
  from: Date;
  /** Exclusive: the start of the day after the period's last day. */
  to: Date;
  /** Vietnamese, e.g. "Quý III năm 2026". */
  label: string;
  /** The code it parses from, e.g. "2026-Q3". */
  code: string;
}

/** The forms `parseReportPeriod` accepts, for usage lines and error messages. */
export const PERIOD_CODE_FORMS = '2026-06, 2026-Q3, 2026-H1, 2026-9M, 2026 hoặc 2026-01-01..2026-03-31';

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
/** A range longer than this is a typo in the year, not a report. */
const MAX_RANGE_DAYS = 5 * 366;

const pad2 = (n: number) => String(n).padStart(2, '0');

function invalid(code: string, why?: string): AppError {
  return new AppError(
    'unprocessable',
    `Kỳ báo cáo "${code}" không hợp lệ${why ? ` (${why})` : ''}. Dùng một trong các dạng: ${PERIOD_CODE_FORMS}.`,
  );
}

/** The period from the first day `first` to the day before `next`, both Vietnamese dates. */
function between(
  kind: PeriodKind,
  first: LocalDate,
  next: LocalDate,
  label: string,
  code: string,
): ReportPeriod {
  return { kind, from: vietnamDayStart(first), to: vietnamDayStart(next), label, code };
}

function monthPeriod(year: number, month: number): ReportPeriod {
  const next = month === 12 ? fromYmd(year + 1, 1, 1) : fromYmd(year, month + 1, 1);
  return between(
    'month',
    fromYmd(year, month, 1),
    next,
    `Tháng ${month} năm ${year}`,
    `${year}-${pad2(month)}`,
  );
}

function quarterPeriod(year: number, quarter: number): ReportPeriod {
  const first = fromYmd(year, (quarter - 1) * 3 + 1, 1);
  const next = quarter === 4 ? fromYmd(year + 1, 1, 1) : fromYmd(year, quarter * 3 + 1, 1);
  return between('quarter', first, next, `Quý ${ROMAN[quarter - 1]} năm ${year}`, `${year}-Q${quarter}`);
}

function halfPeriod(year: number, half: number): ReportPeriod {
  const first = fromYmd(year, half === 1 ? 1 : 7, 1);
  const next = half === 1 ? fromYmd(year, 7, 1) : fromYmd(year + 1, 1, 1);
  const label = `6 tháng ${half === 1 ? 'đầu' : 'cuối'} năm ${year}`;
  return between('half', first, next, label, `${year}-H${half}`);
}

function nineMonthsPeriod(year: number): ReportPeriod {
  return between(
    'nine_months',
    fromYmd(year, 1, 1),
    fromYmd(year, 10, 1),
    `9 tháng đầu năm ${year}`,
    `${year}-9M`,
  );
}

function yearPeriod(year: number): ReportPeriod {
  return between('year', fromYmd(year, 1, 1), fromYmd(year + 1, 1, 1), `Năm ${year}`, String(year));
}

function rangePeriod(first: LocalDate, last: LocalDate): ReportPeriod {
  const label = `Từ ngày ${formatVietnameseDate(first)} đến ngày ${formatVietnameseDate(last)}`;
  return between('range', first, addDays(last, 1), label, `${first}..${last}`);
}

function checkYear(code: string, year: number): number {
  if (year < MIN_YEAR || year > MAX_YEAR) throw invalid(code, `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`);
  return year;
}

/**
 * Parses 2026-06 (a month), 2026-Q3 (a quarter), 2026-H1 (a half year), 2026-9M (the first nine
 * months), 2026 (a year) or 2026-01-01..2026-03-31 (any range, both days included).
 */
export function parseReportPeriod(code: string): ReportPeriod {
  const text = code.trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(text))) return yearPeriod(checkYear(code, Number(m[1])));
  if ((m = /^(\d{4})-(\d{2})$/.exec(text))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw invalid(code, 'tháng phải từ 01 đến 12');
    return monthPeriod(checkYear(code, Number(m[1])), month);
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(text)))
    return quarterPeriod(checkYear(code, Number(m[1])), Number(m[2]));
  if ((m = /^(\d{4})-H([12])$/.exec(text))) return halfPeriod(checkYear(code, Number(m[1])), Number(m[2]));
  if ((m = /^(\d{4})-9M$/.exec(text))) return nineMonthsPeriod(checkYear(code, Number(m[1])));
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text))) {
    const [first, last] = [m[1]!, m[2]!];
    if (!isLocalDate(first) || !isLocalDate(last)) throw invalid(code, 'ngày không có thật');
    checkYear(code, toYmd(first).year);
    checkYear(code, toYmd(last).year);
    if (last < first) throw invalid(code, 'ngày cuối trước ngày đầu');
    if (daysBetween(first, last) > MAX_RANGE_DAYS) throw invalid(code, 'dài hơn 5 năm');
    return rangePeriod(first, last);
  }
  throw invalid(code);
}

/** The period of the same kind just before: the base of the report's trends. */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  const first = toVietnamDate(p.from);
  const { year, month } = toYmd(first);
  switch (p.kind) {
    case 'month':
      return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      return quarter === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, quarter - 1);
    }
    case 'half':
      return month === 1 ? halfPeriod(year - 1, 2) : halfPeriod(year, 1);
    case 'nine_months':
      // The same months of the year before: "9 tháng" is compared with last year's "9 tháng".
      return nineMonthsPeriod(year - 1);
    case 'year':
      return yearPeriod(year - 1);
    case 'range': {
      const last = addDays(toVietnamDate(p.to), -1);
      const length = daysBetween(first, last) + 1;
      return rangePeriod(addDays(first, -length), addDays(first, -1));
    }
    default: {
      const never: never = p.kind;
      throw new Error(`unknown period kind ${String(never)}`);
    }
  }
}

/** The period's first and last Vietnamese calendar days (both included), for headings and SQL. */
export function periodDays(p: ReportPeriod): { first: LocalDate; last: LocalDate } {
  return { first: toVietnamDate(p.from), last: addDays(toVietnamDate(p.to), -1) };
}
