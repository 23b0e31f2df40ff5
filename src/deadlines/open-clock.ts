import type { LocalDate } from '../calendar/local-date.js';
import { startClock, type DeadlineClock } from './clock.js';
import { resolveLimit, selectRuleSet, type ResolveLimitOptions } from './rule-selection.js';
import type { ClockKind, OrgInternalLimit, ResolvedLimit, RuleSet } from './time-limit.js';

export interface OpenClockInput extends ResolveLimitOptions {
  ruleSets: readonly RuleSet[];
  orgInternalLimits?: readonly OrgInternalLimit[];
  kind: ClockKind;
  startedOn: LocalDate;
}

/**
 * Starts a clock under the rules in force on its start date — the one way services and the
 * `langnghe due` command should create clocks, so the rule set is never picked by today's date.
 */
export function openClock(input: OpenClockInput): {
  ruleSet: RuleSet;
  limit: ResolvedLimit;
  clock: DeadlineClock;
} {
  const ruleSet = selectRuleSet(input.ruleSets, input.startedOn);
  const limit = resolveLimit(
    ruleSet,
    input.orgInternalLimits ?? [],
    input.kind,
    input.variant ? { variant: input.variant } : {},
  );
  return { ruleSet, limit, clock: startClock(limit, input.startedOn) };
}
