import type { LocalDate } from '../calendar/local-date.js';

/**
 * The shapes of time-limit data. The numbers themselves live in rule-sets.ts (shipped) or in the
 * `rule_sets` table (loaded by an administrator); nothing in the logic knows a legal number.
 */

export const CLOCK_KINDS = [
  'internal_answer',
  'reception_answer',
  'forward_out',
  'complaint_acceptance',
  'complaint_resolution_first',
  'complaint_decision_send',
  'complaint_resolution_second',
  'denunciation_initial',
  'denunciation_forward',
  'denunciation_resolution',
  'denunciation_conclusion_send',
  'denunciation_conclusion_action',
  'denunciation_conclusion_publish',
  'staff_feedback_answer',
] as const;

export type ClockKind = (typeof CLOCK_KINDS)[number];

export type DayType = 'working' | 'calendar';

/** Mirrors the CaseKind enum of prisma/schema.prisma; kept here so this module stays free of Prisma. */
export type CaseKind = 'feedback' | 'report' | 'petition' | 'complaint' | 'denunciation' | 'praise';

/** Circumstances under which the law gives a different base period. */
export type LimitCondition = 'remote_area';

export interface LimitVariant {
  condition: LimitCondition;
  days: number;
  maxDays?: number;
  description: string;
}

export interface ExtensionPolicy {
  maxCount: number;
  /** Longest single extension; absent when only the overall `maxDays` limits it. */
  maxDaysEach?: number;
  requiresWrittenDecision: boolean;
  description: string;
}

export interface TimeLimitRule {
  id: string;
  clockKind: ClockKind;
  appliesTo: readonly CaseKind[];
  audience: 'citizen' | 'staff';
  /** What starts the clock, in Vietnamese ("kể từ ngày thụ lý"). Counting begins the next day. */
  trigger: string;
  days: number;
  dayType: DayType;
  variants?: readonly LimitVariant[];
  extension?: ExtensionPolicy;
  /** Ceiling on base days plus extensions. */
  maxDays?: number;
  /** Whether a suspension (tạm đình chỉ) stops this clock, and under which provision. */
  pausable: boolean;
  pauseSource?: string;
  /** False for service targets the law leaves to the unit ("kịp thời"); those an organisation may lengthen. */
  statutory: boolean;
  sourceArticle: string;
  description: string;
  note?: string;
}

export interface ApologyPolicy {
  /** The apology goes out at least this many working days before the due date. */
  leadWorkingDays: number;
  maxDueDateResets: number;
  sourceArticle: string;
}

export interface RuleSet {
  code: string;
  name: string;
  /** Applies to clocks that start on or after this date; earlier clocks keep their rule set. */
  effectiveFrom: LocalDate;
  source: string;
  rules: readonly TimeLimitRule[];
  apology: ApologyPolicy;
  note?: string;
}

/** A limit an organisation sets for itself on top of the law, e.g. "answer a report within 5 working days". */
export interface OrgInternalLimit {
  clockKind: ClockKind;
  days: number;
  dayType: DayType;
  description?: string;
  source?: string;
}

/** The limit one clock runs under, after rule-set selection, variant and the organisation's own limit. */
export interface ResolvedLimit {
  ruleSetCode: string;
  clockKind: ClockKind;
  days: number;
  dayType: DayType;
  origin: 'statutory' | 'internal';
  extension?: ExtensionPolicy;
  maxDays?: number;
  pausable: boolean;
  sourceArticle: string;
  description: string;
  /** The statutory period when an internal limit is stricter, so both can be shown. */
  statutoryDays?: number;
}
