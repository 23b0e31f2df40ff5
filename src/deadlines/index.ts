export {
  CLOCK_KINDS,
  type ApologyPolicy,
  type CaseKind,
  type ClockKind,
  type DayType,
  type ExtensionPolicy,
  type LimitCondition,
  type OrgInternalLimit,
  type ResolvedLimit,
  type RuleSet,
  type TimeLimitRule,
} from './time-limit.js';
export { OFFICIAL_RULE_SETS, RULE_SET_2019, RULE_SET_2026_07 } from './rule-sets.js';
export { resolveLimit, selectRuleSet, type ResolveLimitOptions } from './rule-selection.js';
export { ZOrgInternalLimitSchema, ZRuleSetSchema, ZTimeLimitRuleSchema } from './rule-set.schema.js';
export {
  clockState,
  computeDueDate,
  DEFAULT_DUE_SOON_WORKING_DAYS,
  extendClock,
  isPausedOn,
  latestApologyDate,
  pauseClock,
  resetDueDate,
  resumeClock,
  startClock,
  stopClock,
  totalDays,
  traceDueDate,
  type ClockExtension,
  type ClockPause,
  type ClockState,
  type DeadlineClock,
  type DueDateOptions,
  type DueDateTrace,
} from './clock.js';
export { openClock, type OpenClockInput } from './open-clock.js';
export { explainDueDate } from './explain-due-date.js';
export { DeadlineError, isDeadlineError, type DeadlineErrorReason } from './deadline-error.js';
