// What a periodic report holds: plain, serialisable figures (no Date objects, no free text, no
// personal data), so the same object feeds the XLSX, PDF and CSV renderers, the console page and a
// stored JSON copy. The buckets a figure is counted in are defined once here, from the case
// vocabulary; the SQL, the renderers and the tests all read these tables.
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  CHANNELS,
  OUTCOME_LABELS,
  type CaseKind,
  type CaseStatus,
  type Channel,
  type Outcome,
} from '../../cases/case-vocabulary.js';

/**
 * The outcome buckets the plans ask for (đúng, đúng một phần, sai, rút, chuyển, hướng dẫn), each
 * read from the case's outcome or, for cases that left without one, from its status.
 */
export const REPORT_OUTCOMES = [
  { key: 'valid', label: OUTCOME_LABELS.valid.vi, outcome: 'valid' },
  { key: 'partly', label: OUTCOME_LABELS.partly_valid.vi, outcome: 'partly_valid' },
  { key: 'unfounded', label: OUTCOME_LABELS.not_valid.vi, outcome: 'not_valid' },
  { key: 'withdrawn', label: CASE_STATUS_LABELS.withdrawn.vi, status: 'withdrawn' },
  { key: 'forwarded', label: CASE_STATUS_LABELS.forwarded.vi, status: 'forwarded' },
  { key: 'guided', label: CASE_STATUS_LABELS.guided.vi, status: 'guided' },
] as const satisfies readonly ({ key: string; label: string } & (
  { outcome: Outcome } | { status: CaseStatus }
))[];
export type ReportOutcomeKey = (typeof REPORT_OUTCOMES)[number]['key'];

/** Outcomes that uphold what the sender said: "taken on board" for staff, "upheld" for complaints. */
export const UPHELD_OUTCOMES = ['valid', 'partly_valid'] as const satisfies readonly Outcome[];

/** Kinds that accuse someone of something: upheld, they weigh against the unit's conduct. */
export const ACCUSING_KINDS = ['report', 'complaint', 'denunciation'] as const satisfies readonly CaseKind[];

/** Statuses after which the sender has had an answer: resolvedAt is set on the way in. */
export const ANSWERED_STATUSES = ['resolved', 'closed'] as const satisfies readonly CaseStatus[];

export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;
export type SatisfactionScore = (typeof SATISFACTION_SCORES)[number];
/** QĐ 56/QĐ-BYT 2024's five-point scale, as the sender was asked it. */
export const SATISFACTION_LABELS: Readonly<Record<SatisfactionScore, string>> = {
  1: 'Rất không hài lòng',
  2: 'Không hài lòng',
  3: 'Bình thường',
  4: 'Hài lòng',
  5: 'Rất hài lòng',
};

export const channelLabel = (c: Channel) => CHANNEL_LABELS[c].vi;
export const kindLabel = (k: CaseKind) => CASE_KIND_LABELS[k].vi;
export { CASE_KINDS, CHANNELS };

/** The counts every scope of the report (the whole, an organisation, a unit) is made of. */
export interface ReportCounts {
  received: number;
  byChannel: Record<Channel, number>;
  byKind: Record<CaseKind, number>;
  /** Answered (resolved or closed). */
  resolved: number;
  /** Answered on or before the governing due date in force when it was answered (or with none). */
  resolvedOnTime: number;
  resolvedLate: number;
  /** Still being handled (received, accepted, assigned, in progress). */
  open: number;
  /** Of those still open, past the governing due date as of the report's date. */
  openOverdue: number;
  outcomes: Record<ReportOutcomeKey, number>;
  satisfaction: { answered: number; sum: number; byScore: Record<`${SatisfactionScore}`, number> };
  hotline: { calls: number; urgent: number; inShift: number; outsideShift: number };
  staffFeedback: { count: number; answered: number; answeredOnTime: number; takenOnBoard: number };
  /** Praise received, and accusing cases upheld (valid or partly valid). */
  praise: number;
  upheld: number;
}

export interface UnitFigures {
  /** Null for cases not yet routed to a unit. */
  unitCode: string | null;
  unitName: string;
  counts: ReportCounts;
}

export interface OrganizationFigures {
  code: string;
  name: string;
  counts: ReportCounts;
  units: UnitFigures[];
  /** Duty shifts held and the leaders' weekly hotline reviews sent, in the period. */
  dutyShifts: number;
  hotlineReviews: number;
}

/** Why a case is late, from its clock's state (never from an officer's words). */
export const LATE_STATES = ['paused', 'extended', 'new_date', 'none'] as const;
export type LateState = (typeof LATE_STATES)[number];
export const LATE_STATE_LABELS: Readonly<Record<LateState, string>> = {
  paused: 'Đang tạm dừng giải quyết',
  extended: 'Đã gia hạn',
  new_date: 'Đã xin lỗi, hẹn ngày mới',
  none: 'Chưa ghi nhận lý do',
};

export interface OverdueCase {
  code: string;
  organizationCode: string;
  unitName: string;
  kind: CaseKind;
  /** YYYY-MM-DD (Vietnamese calendar day). */
  dueOn: string;
  daysLate: number;
  lateState: LateState;
}

export interface PeriodicReport {
  organization: { code: string; name: string; parentName: string | null; place: string | null };
  period: { kind: string; code: string; label: string; from: string; to: string };
  previousPeriod: { code: string; label: string };
  /** The Vietnamese calendar day the figures stand at (open and overdue are counted on it). */
  asOf: string;
  /** ISO instant the report was built. */
  generatedAt: string;
  totals: ReportCounts;
  previousTotals: ReportCounts;
  /** The organisation itself first, then each subordinate organisation (one entry when none). */
  organizations: OrganizationFigures[];
  dutyShifts: number;
  hotlineReviews: number;
  overdueCases: OverdueCase[];
  /** Said in the report: what a reader might look for and why it is not there. */
  notes: string[];
}

export function emptyCounts(): ReportCounts {
  return {
    received: 0,
    byChannel: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>,
    byKind: Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>,
    resolved: 0,
    resolvedOnTime: 0,
    resolvedLate: 0,
    open: 0,
    openOverdue: 0,
    outcomes: Object.fromEntries(REPORT_OUTCOMES.map((o) => [o.key, 0])) as Record<ReportOutcomeKey, number>,
    satisfaction: {
      answered: 0,
      sum: 0,
      byScore: Object.fromEntries(SATISFACTION_SCORES.map((s) => [String(s), 0])) as Record<
        `${SatisfactionScore}`,
        number
      >,
    },
    hotline: { calls: 0, urgent: 0, inShift: 0, outsideShift: 0 },
    staffFeedback: { count: 0, answered: 0, answeredOnTime: 0, takenOnBoard: 0 },
    praise: 0,
    upheld: 0,
  };
}

/** Adds `b` into `a`, field by field (the shape is fixed, so a structural walk is exact). */
export function addCounts(a: ReportCounts, b: ReportCounts): ReportCounts {
  const add = (x: unknown, y: unknown): unknown => {
    if (typeof x === 'number') return x + (y as number);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>))
      out[k] = add(v, (y as Record<string, unknown>)[k]);
    return out;
  };
  return add(a, b) as ReportCounts;
}

export function sumCounts(list: readonly ReportCounts[]): ReportCounts {
  return list.reduce(addCounts, emptyCounts());
}

/** Average satisfaction, one decimal; null when nobody answered. */
export function averageSatisfaction(c: ReportCounts): number | null {
  return c.satisfaction.answered
    ? Math.round((c.satisfaction.sum / c.satisfaction.answered) * 10) / 10
    : null;
}

/** A share in percent with one decimal; null when the base is zero. */
export function percent(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 1000) / 10 : null;
}
