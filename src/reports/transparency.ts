// The public transparency page's numbers (Luật 10/2022 Điều 46; NĐ 20/2008 Điều 19; DOMAIN.md §2.11),
// for one organisation and one period. Pure: rows in, summary out.
//
// What counts where: counts by kind and by unit are of the cases received in the period; outcomes,
// the on-time rate, satisfaction and the list of resolved cases are of the cases resolved in it.
// On time = resolved on or before the due date of the case's answer clock (dates in Vietnam); cases
// without an answer clock are left out of that rate rather than counted either way.
//
// Nothing a person wrote is published: names cannot be found by pattern (src/cases/redaction.ts),
// so a resolved case appears by its kind, unit, dates and outcome only (decision 0013).
import {
  addDays,
  compareDates,
  daysBetween,
  formatVietnameseDate,
  fromYmd,
  parseUserDate,
  toVietnamDate,
  toYmd,
  type LocalDate,
} from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  OUTCOME_LABELS,
  OUTCOMES,
  type CaseKind,
  type Outcome,
} from '../cases/case-vocabulary.js';

export interface TransparencyCaseRow {
  kind: CaseKind;
  unitName: string | null;
  outcome: Outcome | null;
  receivedAt: Date;
  resolvedAt: Date | null;
  /** Due date of the answer clock, when the case has one. */
  answerDueOn: LocalDate | null;
  satisfaction: number | null;
}

export interface TransparencyPeriod {
  /** Inclusive bounds, Vietnamese calendar dates. */
  from: LocalDate;
  to: LocalDate;
  label: string;
}

export interface PublishedResolvedCase {
  kindLabel: string;
  unitName: string;
  receivedOn: string;
  resolvedOn: string;
  outcomeLabel: string;
  onTime: boolean | null;
}

export interface TransparencySummary {
  received: number;
  byKind: { kind: CaseKind; label: string; count: number }[];
  byUnit: { unitName: string; count: number }[];
  resolved: number;
  byOutcome: { outcome: Outcome | null; label: string; count: number }[];
  onTime: { count: number; of: number; rate: number | null };
  satisfaction: { average: number | null; answers: number };
  resolvedCases: PublishedResolvedCase[];
}

export const MAX_PERIOD_DAYS = 366;
const UNASSIGNED = 'Chưa phân công khoa/phòng';
const MONTH = /^(\d{4})-(\d{1,2})$/;

/** `ky=2026-11` (a month), `tu=…&den=…` (dates as people type them), or else the current month. */
export function parseTransparencyPeriod(
  query: { ky?: string; tu?: string; den?: string },
  today: LocalDate,
): TransparencyPeriod {
  if (query.tu || query.den) {
    if (!query.tu || !query.den)
      throw new AppError('validation', 'Cần cả ngày bắt đầu (tu) và ngày kết thúc (den).');
    const from = parseUserDate(query.tu);
    const to = parseUserDate(query.den);
    if (compareDates(from, to) > 0)
      throw new AppError('validation', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
    if (daysBetween(from, to) >= MAX_PERIOD_DAYS)
      throw new AppError('validation', `Mỗi lần xem tối đa ${MAX_PERIOD_DAYS} ngày.`);
    return { from, to, label: `từ ${formatVietnameseDate(from)} đến ${formatVietnameseDate(to)}` };
  }
  let year: number;
  let month: number;
  if (query.ky) {
    const m = MONTH.exec(query.ky.trim());
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
      throw new AppError('validation', `Kỳ không hợp lệ: "${query.ky}" (cần dạng YYYY-MM, ví dụ 2026-11).`);
    year = Number(m[1]);
    month = Number(m[2]);
  } else {
    ({ year, month } = toYmd(today));
  }
  const from = fromYmd(year, month, 1);
  const to = addDays(month === 12 ? fromYmd(year + 1, 1, 1) : fromYmd(year, month + 1, 1), -1);
  return { from, to, label: `tháng ${String(month).padStart(2, '0')}/${year}` };
}

function within(instant: Date | null, period: TransparencyPeriod): instant is Date {
  if (!instant) return false;
  const day = toVietnamDate(instant);
  return compareDates(day, period.from) >= 0 && compareDates(day, period.to) <= 0;
}

function countBy<K>(items: K[]): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

export function summarizeTransparency(
  rows: readonly TransparencyCaseRow[],
  period: TransparencyPeriod,
): TransparencySummary {
  const received = rows.filter((r) => within(r.receivedAt, period));
  const resolved = rows
    .filter((r) => within(r.resolvedAt, period))
    .sort((a, b) => a.resolvedAt!.getTime() - b.resolvedAt!.getTime());

  const kinds = countBy(received.map((r) => r.kind));
  const units = countBy(received.map((r) => r.unitName ?? UNASSIGNED));
  const outcomes = countBy(resolved.map((r) => r.outcome));

  const onTimeOf = (r: TransparencyCaseRow): boolean | null =>
    r.answerDueOn === null ? null : compareDates(toVietnamDate(r.resolvedAt!), r.answerDueOn) <= 0;
  const timed = resolved.map(onTimeOf).filter((v): v is boolean => v !== null);
  const onTimeCount = timed.filter(Boolean).length;
  const scores = resolved.map((r) => r.satisfaction).filter((s): s is number => s !== null);

  return {
    received: received.length,
    byKind: CASE_KINDS.filter((k) => kinds.has(k)).map((kind) => ({
      kind,
      label: CASE_KIND_LABELS[kind].vi,
      count: kinds.get(kind)!,
    })),
    byUnit: [...units.entries()]
      .map(([unitName, count]) => ({ unitName, count }))
      .sort((a, b) => b.count - a.count || a.unitName.localeCompare(b.unitName, 'vi')),
    resolved: resolved.length,
    byOutcome: [...OUTCOMES, null]
      .filter((o) => outcomes.has(o))
      .map((outcome) => ({
        outcome,
        label: outcome ? OUTCOME_LABELS[outcome].vi : 'Không ghi kết quả',
        count: outcomes.get(outcome)!,
      })),
    onTime: { count: onTimeCount, of: timed.length, rate: timed.length ? onTimeCount / timed.length : null },
    satisfaction: {
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      answers: scores.length,
    },
    resolvedCases: resolved.map((r) => ({
      kindLabel: CASE_KIND_LABELS[r.kind].vi,
      unitName: r.unitName ?? UNASSIGNED,
      receivedOn: formatVietnameseDate(toVietnamDate(r.receivedAt)),
      resolvedOn: formatVietnameseDate(toVietnamDate(r.resolvedAt!)),
      outcomeLabel: r.outcome ? OUTCOME_LABELS[r.outcome].vi : 'Không ghi kết quả',
      onTime: onTimeOf(r),
    })),
  };
}
