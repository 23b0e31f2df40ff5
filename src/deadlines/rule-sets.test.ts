import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/local-date.js';
import { isDeadlineError } from './deadline-error.js';
import { resolveLimit, selectRuleSet } from './rule-selection.js';
import { ZOrgInternalLimitSchema, ZRuleSetSchema } from './rule-set.schema.js';
import { OFFICIAL_RULE_SETS, RULE_SET_2019, RULE_SET_2026_07 } from './rule-sets.js';
import { CLOCK_KINDS, type ClockKind } from './time-limit.js';

const d = parseLocalDate;
const limitOf = (kind: ClockKind) => resolveLimit(RULE_SET_2019, [], kind);

describe('shipped rule sets', () => {
  it('are valid data and cover every clock kind', () => {
    for (const set of OFFICIAL_RULE_SETS) {
      expect(() => ZRuleSetSchema.parse(set)).not.toThrow();
      expect(set.rules.map((r) => r.clockKind).sort()).toEqual([...CLOCK_KINDS].sort());
      for (const rule of set.rules) {
        expect(rule.sourceArticle).toMatch(/Luật|Nghị định/);
        expect(rule.id).toBe(`${set.code}:${rule.clockKind}`);
      }
    }
  });

  it('hold the limits of DOMAIN.md §3', () => {
    const table = Object.fromEntries(
      RULE_SET_2019.rules.map((r) => [r.clockKind, [r.days, r.dayType, r.maxDays]]),
    );
    expect(table).toEqual({
      internal_answer: [10, 'working', undefined],
      reception_answer: [10, 'working', undefined],
      forward_out: [5, 'working', undefined],
      complaint_acceptance: [10, 'working', undefined],
      complaint_resolution_first: [30, 'calendar', 45],
      complaint_decision_send: [3, 'working', undefined],
      complaint_resolution_second: [45, 'calendar', 60],
      denunciation_initial: [7, 'working', 10],
      denunciation_forward: [5, 'working', undefined],
      denunciation_resolution: [30, 'calendar', 90],
      denunciation_conclusion_send: [5, 'working', undefined],
      denunciation_conclusion_action: [7, 'working', undefined],
      denunciation_conclusion_publish: [7, 'working', undefined],
      staff_feedback_answer: [10, 'working', undefined],
    });
    expect(
      resolveLimit(RULE_SET_2019, [], 'complaint_resolution_first', { variant: 'remote_area' }),
    ).toMatchObject({
      days: 45,
      maxDays: 60,
    });
    expect(
      resolveLimit(RULE_SET_2019, [], 'complaint_resolution_second', { variant: 'remote_area' }),
    ).toMatchObject({
      days: 60,
      maxDays: 70,
    });
    expect(limitOf('denunciation_resolution').extension).toMatchObject({
      maxCount: 2,
      maxDaysEach: 30,
      requiresWrittenDecision: true,
    });
    expect(RULE_SET_2019.apology).toMatchObject({ leadWorkingDays: 1, maxDueDateResets: 1 });
  });

  it('keeps complaint acceptance at 10 working days from 01/7/2026, with the unconfirmed 7 noted', () => {
    const rule = RULE_SET_2026_07.rules.find((r) => r.clockKind === 'complaint_acceptance');
    expect(rule).toMatchObject({ days: 10, dayType: 'working' });
    expect(rule?.note).toMatch(/chưa được xác nhận/);
  });
});

describe('selectRuleSet', () => {
  it('chooses the set in force on the day the clock starts', () => {
    expect(selectRuleSet(OFFICIAL_RULE_SETS, d('2026-06-30')).code).toBe('VN-2019');
    expect(selectRuleSet(OFFICIAL_RULE_SETS, d('2026-07-01')).code).toBe('VN-2026-07');
    expect(selectRuleSet([...OFFICIAL_RULE_SETS].reverse(), d('2030-01-01')).code).toBe('VN-2026-07');
  });

  it('refuses a start date before any set', () => {
    expect(() => selectRuleSet(OFFICIAL_RULE_SETS, d('2018-12-31'))).toThrow(/Không có bộ thời hạn/);
  });

  it('lets a complaint suspended after 01/7/2026 pause, but not one accepted before', () => {
    expect(resolveLimit(RULE_SET_2019, [], 'complaint_resolution_first').pausable).toBe(false);
    expect(resolveLimit(RULE_SET_2026_07, [], 'complaint_resolution_first').pausable).toBe(true);
    expect(resolveLimit(RULE_SET_2019, [], 'denunciation_resolution').pausable).toBe(true);
  });
});

describe('resolveLimit with an organisation’s own limits', () => {
  it('takes a stricter internal limit for a statutory clock and keeps the statutory figure', () => {
    const limit = resolveLimit(
      RULE_SET_2019,
      [{ clockKind: 'reception_answer', days: 5, dayType: 'working' }],
      'reception_answer',
    );
    expect(limit).toMatchObject({ days: 5, dayType: 'working', origin: 'internal', statutoryDays: 10 });
    expect(limit.sourceArticle).toMatch(/Luật Tiếp công dân 2013, Điều 28/);
  });

  it('refuses an internal limit looser than the law or counted differently', () => {
    const looser = () =>
      resolveLimit(RULE_SET_2019, [{ clockKind: 'forward_out', days: 7, dayType: 'working' }], 'forward_out');
    expect(looser).toThrow(/dài hơn thời hạn luật định/);
    try {
      looser();
    } catch (e) {
      expect(isDeadlineError(e) && e.reason).toBe('internal_limit_exceeds_statutory');
      expect(isDeadlineError(e) && e.code).toBe('unprocessable');
    }
    expect(() =>
      resolveLimit(
        RULE_SET_2019,
        [{ clockKind: 'denunciation_resolution', days: 20, dayType: 'working' }],
        'denunciation_resolution',
      ),
    ).toThrow(/phải tính theo ngày/);
  });

  it('lets the unit set any target for a non-statutory clock', () => {
    const limit = resolveLimit(
      RULE_SET_2019,
      [
        {
          clockKind: 'staff_feedback_answer',
          days: 15,
          dayType: 'calendar',
          description: 'Trả lời góp ý nội bộ',
        },
      ],
      'staff_feedback_answer',
    );
    expect(limit).toMatchObject({
      days: 15,
      dayType: 'calendar',
      origin: 'internal',
      description: 'Trả lời góp ý nội bộ',
    });
  });

  it('validates internal limits arriving as JSON', () => {
    expect(
      ZOrgInternalLimitSchema.safeParse({ clockKind: 'forward_out', days: 3, dayType: 'working' }).success,
    ).toBe(true);
    expect(
      ZOrgInternalLimitSchema.safeParse({ clockKind: 'nope', days: 3, dayType: 'working' }).success,
    ).toBe(false);
    expect(
      ZOrgInternalLimitSchema.safeParse({ clockKind: 'forward_out', days: 0, dayType: 'working' }).success,
    ).toBe(false);
  });

  it('refuses an unknown variant', () => {
    expect(() => resolveLimit(RULE_SET_2019, [], 'forward_out', { variant: 'remote_area' })).toThrow(
      /không có trường hợp/,
    );
  });
});
