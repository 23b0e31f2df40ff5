// When a scheduled periodic report is due, which period it covers and on which working day its draft
// is made. Pure: the calendar comes in. The plans name a report by its length and its due date
// ("6 tháng, trước ngày 25/4"), so a definition is exactly that, and the period is the whole months
// before the due date's month (docs/decisions/0056-report-schedules.md).
import { addDays, fromYmd, toYmd, type LocalDate } from '../../calendar/local-date.js';
import type { WorkingCalendar } from '../../calendar/working-calendar.js';
import { z } from 'zod';
import { ZRoleSchema } from '../../cases/case-vocabulary.js';

/** The lengths a schedule may have, in whole months, with their Vietnamese names. */
export const SCHEDULED_PERIOD_KINDS = {
  month: { months: 1, vi: 'tháng' },
  quarter: { months: 3, vi: 'quý (3 tháng)' },
  half: { months: 6, vi: '6 tháng' },
  nine_months: { months: 9, vi: '9 tháng' },
  year: { months: 12, vi: 'năm' },
} as const;
export type ScheduledPeriodKind = keyof typeof SCHEDULED_PERIOD_KINDS;
export const ZScheduledPeriodKindSchema = z.enum(
  Object.keys(SCHEDULED_PERIOD_KINDS) as [ScheduledPeriodKind, ...ScheduledPeriodKind[]],
  { message: 'Kỳ báo cáo phải là: month, quarter, half, nine_months hoặc year.' },
);

/** Who receives a filed report: a unit's group, the staff holding a role, or a managing body's leaders. */
export const ZReportRecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), unitCode: z.string().min(1).max(60) }).strict(),
  z.object({ kind: z.literal('role'), role: ZRoleSchema }).strict(),
  z.object({ kind: z.literal('organization'), organizationCode: z.string().min(1).max(60) }).strict(),
]);
export type ReportRecipient = z.infer<typeof ZReportRecipientSchema>;

export interface ReportSchedule {
  periodKind: ScheduledPeriodKind;
  /** 1–12; empty: every month. */
  dueMonths: readonly number[];
  /** 1–31; a day past the month's end is its last day. */
  dueDay: number;
  draftWorkingDaysBefore: number;
}

export const ZReportScheduleSchema = z
  .object({
    periodKind: ZScheduledPeriodKindSchema,
    dueMonths: z
      .array(z.number().int().min(1, 'Tháng từ 1 đến 12.').max(12, 'Tháng từ 1 đến 12.'))
      .max(12)
      .transform((ms) => [...new Set(ms)].sort((a, b) => a - b)),
    dueDay: z.number().int().min(1, 'Ngày hạn từ 1 đến 31.').max(31, 'Ngày hạn từ 1 đến 31.'),
    draftWorkingDaysBefore: z
      .number()
      .int()
      .min(1, 'Số ngày làm việc lập dự thảo trước hạn từ 1 đến 30.')
      .max(30, 'Số ngày làm việc lập dự thảo trước hạn từ 1 đến 30.'),
  })
  .strict();

export interface ScheduledPeriod {
  /** First day of the period. */
  from: LocalDate;
  /** The day after its last day. */
  to: LocalDate;
  /** The code `parseReportPeriod` reads: "2026-Q1" when the months are a calendar period, else a range. */
  code: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function monthStart(year: number, month: number): LocalDate {
  // month may be ≤ 0 or > 12: normalise through a month index.
  const index = year * 12 + (month - 1);
  return fromYmd(Math.floor(index / 12), (index % 12) + 1, 1);
}

function daysInMonth(year: number, month: number): number {
  return toYmd(addDays(monthStart(year, month + 1), -1)).day;
}

/** The period of the report due on `dueOn`: the kind's whole months before the due month. */
export function periodForDueDate(kind: ScheduledPeriodKind, dueOn: LocalDate): ScheduledPeriod {
  const { year, month } = toYmd(dueOn);
  const months = SCHEDULED_PERIOD_KINDS[kind].months;
  const from = monthStart(year, month - months);
  const to = monthStart(year, month);
  const f = toYmd(from);
  const calendarCode = (): string | null => {
    switch (kind) {
      case 'month':
        return `${f.year}-${pad2(f.month)}`;
      case 'quarter':
        return f.month % 3 === 1 ? `${f.year}-Q${(f.month + 2) / 3}` : null;
      case 'half':
        return f.month === 1 || f.month === 7 ? `${f.year}-H${f.month === 1 ? 1 : 2}` : null;
      case 'nine_months':
        return f.month === 1 ? `${f.year}-9M` : null;
      case 'year':
        return f.month === 1 ? String(f.year) : null;
      default: {
        const unknownKind: never = kind;
        throw new Error(`unknown period kind ${String(unknownKind)}`);
      }
    }
  };
  return { from, to, code: calendarCode() ?? `${from}..${addDays(to, -1)}` };
}

function dueDateIn(schedule: ReportSchedule, year: number, month: number): LocalDate {
  return fromYmd(year, month, Math.min(schedule.dueDay, daysInMonth(year, month)));
}

/** The first due date strictly after `after`. */
export function nextDueDate(schedule: ReportSchedule, after: LocalDate): LocalDate {
  const { year, month } = toYmd(after);
  for (let i = 0; i <= 24; i++) {
    const start = toYmd(monthStart(year, month + i));
    if (schedule.dueMonths.length && !schedule.dueMonths.includes(start.month)) continue;
    const due = dueDateIn(schedule, start.year, start.month);
    if (due > after) return due;
  }
  throw new Error('a schedule with due months has a due date within two years');
}

/** The draft day: the n-th working day before the due date, so never a day off. */
export function draftDateFor(
  schedule: ReportSchedule,
  dueOn: LocalDate,
  calendar: WorkingCalendar,
): LocalDate {
  return calendar.addWorkingDays(dueOn, -schedule.draftWorkingDaysBefore);
}

export interface ReportOccurrence {
  dueOn: LocalDate;
  draftOn: LocalDate;
  period: ScheduledPeriod;
}

/** The report to draft on `today`, if any: the next one not yet due whose draft day has come. */
export function reportToDraft(
  schedule: ReportSchedule,
  today: LocalDate,
  calendar: WorkingCalendar,
): ReportOccurrence | null {
  const dueOn = nextDueDate(schedule, today);
  const draftOn = draftDateFor(schedule, dueOn, calendar);
  if (draftOn > today) return null;
  return { dueOn, draftOn, period: periodForDueDate(schedule.periodKind, dueOn) };
}

/** "6 tháng, hạn trước ngày 25/4 và 25/10; dự thảo 5 ngày làm việc trước hạn". */
export function describeScheduleVi(schedule: ReportSchedule): string {
  const when = schedule.dueMonths.length
    ? schedule.dueMonths.map((m) => `${schedule.dueDay}/${m}`).join(', ')
    : `ngày ${schedule.dueDay} hằng tháng`;
  return `Báo cáo ${SCHEDULED_PERIOD_KINDS[schedule.periodKind].vi}, hạn trước ${when}; dự thảo ${schedule.draftWorkingDaysBefore} ngày làm việc trước hạn`;
}
