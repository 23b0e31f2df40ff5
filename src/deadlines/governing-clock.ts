// Which of a case's clocks governs it: the one a sender is told, an officer sorts by and the
// escalation ladder follows. A statutory clock (a limit the law sets, e.g. resolving a complaint
// within 30 days of thụ lý) outranks the unit's own service target, because missing it is what
// an inspector would find; among several of one rank the earliest due date governs.
import { toVietnamDate, type LocalDate } from '../calendar/local-date.js';
import { OFFICIAL_RULE_SETS } from './rule-sets.js';
import type { ClockKind } from './time-limit.js';

/** Whether the law sets this clock's limit; read from the shipped rule sets, not restated here. */
export function isStatutoryClockKind(kind: string): boolean {
  return OFFICIAL_RULE_SETS.some((set) =>
    set.rules.some((rule) => rule.clockKind === kind && rule.statutory),
  );
}

export interface GoverningCandidate {
  readonly kind: string;
  readonly status: 'running' | 'paused' | 'stopped';
  /** YYYY-MM-DD. */
  readonly dueOn: LocalDate;
}

export interface GoverningClock<C extends GoverningCandidate> {
  readonly clock: C;
  /** 'statutory' when the law sets the limit, 'internal' for the unit's own service target. */
  readonly basis: 'statutory' | 'internal';
}

/** The governing clock among those still counting (running or paused), or null when none is. */
export function governingClock<C extends GoverningCandidate>(clocks: readonly C[]): GoverningClock<C> | null {
  const counting = clocks.filter((c) => c.status !== 'stopped');
  const statutory = counting.filter((c) => isStatutoryClockKind(c.kind));
  const pool = statutory.length ? statutory : counting;
  const [first] = [...pool].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return first ? { clock: first, basis: statutory.length ? 'statutory' : 'internal' } : null;
}

export type { ClockKind };

export interface AnswerClock {
  readonly kind: string;
  /** YYYY-MM-DD. */
  readonly startedOn: LocalDate;
  readonly dueOn: LocalDate;
  readonly stoppedAt: Date | null;
}

/**
 * The due date in force when a case was answered, kept on the case (answeredDueOn) so reports judge
 * "on time" without reading the clocks: among the clocks counting at that instant (started on or
 * before the answer's Vietnamese day, not stopped before the instant) the earliest statutory due
 * date, else the earliest of any; null when none counted (no limit: on time). The migration
 * `answered_due_on` backfills existing rows with the same rule in SQL.
 */
export function dueOnInForceAt(clocks: readonly AnswerClock[], answeredAt: Date): LocalDate | null {
  const answeredOn = toVietnamDate(answeredAt);
  const counting = clocks.filter(
    (c) =>
      c.startedOn <= answeredOn && (c.stoppedAt === null || c.stoppedAt.getTime() >= answeredAt.getTime()),
  );
  const statutory = counting.filter((c) => isStatutoryClockKind(c.kind));
  const pool = statutory.length ? statutory : counting;
  return pool.reduce<LocalDate | null>((min, c) => (min === null || c.dueOn < min ? c.dueOn : min), null);
}
