import { formatVietnameseDate, type LocalDate } from '../calendar/local-date.js';
import { DeadlineError } from './deadline-error.js';
import type { ClockKind, LimitCondition, OrgInternalLimit, ResolvedLimit, RuleSet } from './time-limit.js';

/** The rule set in force on the day a clock starts: the latest one whose `effectiveFrom` is not after it. */
export function selectRuleSet(ruleSets: readonly RuleSet[], clockStartDate: LocalDate): RuleSet {
  let chosen: RuleSet | undefined;
  for (const set of ruleSets) {
    if (set.effectiveFrom <= clockStartDate && (!chosen || set.effectiveFrom > chosen.effectiveFrom))
      chosen = set;
  }
  if (!chosen) {
    throw new DeadlineError(
      'no_rule_set_in_force',
      `Không có bộ thời hạn nào có hiệu lực vào ngày ${formatVietnameseDate(clockStartDate)}.`,
      { clockStartDate },
    );
  }
  return chosen;
}

export interface ResolveLimitOptions {
  /** A circumstance that changes the base period, e.g. 'remote_area' for vùng sâu, vùng xa. */
  variant?: LimitCondition;
}

/**
 * The limit a clock of `clockKind` runs under. An organisation's own limit replaces a non-statutory
 * default freely; for a statutory limit it may only be stricter and must count the same kind of
 * days (n working days and m calendar days cannot be compared without dates). The statutory
 * extension policy and ceiling still apply: an internal target does not take away the law's room.
 */
export function resolveLimit(
  ruleSet: RuleSet,
  orgInternalLimits: readonly OrgInternalLimit[],
  clockKind: ClockKind,
  options: ResolveLimitOptions = {},
): ResolvedLimit {
  const rule = ruleSet.rules.find((r) => r.clockKind === clockKind);
  if (!rule) {
    throw new DeadlineError(
      'no_rule_for_clock',
      `Bộ thời hạn ${ruleSet.code} không có thời hạn "${clockKind}".`,
      {
        ruleSetCode: ruleSet.code,
        clockKind,
      },
    );
  }
  let days = rule.days;
  let maxDays = rule.maxDays;
  if (options.variant) {
    const variant = rule.variants?.find((v) => v.condition === options.variant);
    if (!variant) {
      throw new DeadlineError(
        'unknown_variant',
        `Thời hạn "${clockKind}" không có trường hợp "${options.variant}".`,
        {
          clockKind,
          variant: options.variant,
        },
      );
    }
    days = variant.days;
    maxDays = variant.maxDays ?? maxDays;
  }

  const base: ResolvedLimit = {
    ruleSetCode: ruleSet.code,
    clockKind,
    days,
    dayType: rule.dayType,
    origin: 'statutory',
    ...(rule.extension ? { extension: rule.extension } : {}),
    ...(maxDays !== undefined ? { maxDays } : {}),
    pausable: rule.pausable,
    sourceArticle: rule.sourceArticle,
    description: rule.description,
  };

  const internal = orgInternalLimits.find((l) => l.clockKind === clockKind);
  if (!internal) return base;
  const internalSource = internal.source ?? 'Quy định nội bộ của đơn vị';
  if (!rule.statutory) {
    return {
      ...base,
      days: internal.days,
      dayType: internal.dayType,
      origin: 'internal',
      sourceArticle: internalSource,
      description: internal.description ?? base.description,
    };
  }
  if (internal.dayType !== rule.dayType) {
    throw new DeadlineError(
      'internal_limit_day_type_mismatch',
      `Thời hạn nội bộ cho "${rule.description}" phải tính theo ${rule.dayType === 'working' ? 'ngày làm việc' : 'ngày'} như luật.`,
      { clockKind, internal },
    );
  }
  if (internal.days > days) {
    throw new DeadlineError(
      'internal_limit_exceeds_statutory',
      `Thời hạn nội bộ ${internal.days} ngày dài hơn thời hạn luật định ${days} ngày (${rule.sourceArticle}).`,
      { clockKind, internal, statutoryDays: days },
    );
  }
  return {
    ...base,
    days: internal.days,
    origin: 'internal',
    sourceArticle: `${internalSource} (luật định ${days} ngày: ${rule.sourceArticle})`,
    description: internal.description ?? base.description,
    statutoryDays: days,
  };
}
