import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/local-date.js';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.js';
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import { DEFAULT_DEADLINE_POLICY, parseDeadlinePolicy } from '../directory/organization-settings.js';
import { isMilestoneDue, planMilestones, type MilestoneSubject } from './milestone-plan.js';

const d = parseLocalDate;
// Tết Bính Ngọ: 14–22/02/2026 off (official notice), 23/02 the first working day after.
const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const running = (startedOn: string, dueOn: string): MilestoneSubject => ({
  status: 'running',
  startedOn: d(startedOn),
  dueOn: d(dueOn),
  dueDateReset: false,
});
const table = (subject: MilestoneSubject, policy = DEFAULT_DEADLINE_POLICY) =>
  planMilestones(subject, calendar, policy).map((m) => [m.name, m.date, m.at.toISOString(), m.audience]);

describe('planMilestones', () => {
  it('reminds two and one working days before, then due, overdue and the ladder, with Tết skipped', () => {
    // Due Thursday 12/02; the leaders' step is two working days after Friday 13/02: Tết lies between.
    expect(table(running('2026-01-29', '2026-02-12'))).toEqual([
      ['due_soon_2', '2026-02-10', '2026-02-10T01:00:00.000Z', 'handler'],
      ['due_soon_1', '2026-02-11', '2026-02-11T01:00:00.000Z', 'handler'],
      ['apology_prompt', '2026-02-11', '2026-02-11T01:00:00.000Z', 'unit_head'],
      ['due', '2026-02-12', '2026-02-12T01:00:00.000Z', 'handler'],
      ['overdue', '2026-02-13', '2026-02-13T01:00:00.000Z', 'handler'],
      ['escalate_unit_head', '2026-02-13', '2026-02-13T01:00:00.000Z', 'unit_head'],
      ['escalate_leaders', '2026-02-24', '2026-02-24T01:00:00.000Z', 'leaders'],
    ]);
  });

  it('counts reminders back across Tết for a clock due the Monday after it', () => {
    const names = Object.fromEntries(
      planMilestones(running('2026-02-02', '2026-02-23'), calendar, DEFAULT_DEADLINE_POLICY).map((m) => [
        m.name,
        m.date,
      ]),
    );
    expect(names).toEqual({
      due_soon_2: '2026-02-12',
      due_soon_1: '2026-02-13',
      apology_prompt: '2026-02-13',
      due: '2026-02-23',
      overdue: '2026-02-24',
      escalate_unit_head: '2026-02-24',
      escalate_leaders: '2026-02-26',
    });
  });

  it('has nothing for a paused or stopped clock', () => {
    expect(
      planMilestones(
        { ...running('2026-01-29', '2026-02-12'), status: 'paused' },
        calendar,
        DEFAULT_DEADLINE_POLICY,
      ),
    ).toEqual([]);
    expect(
      planMilestones(
        { ...running('2026-01-29', '2026-02-12'), status: 'stopped' },
        calendar,
        DEFAULT_DEADLINE_POLICY,
      ),
    ).toEqual([]);
  });

  it('asks for an apology only once (no prompt after a reset) and only when the policy wants it', () => {
    const names = (s: MilestoneSubject, p = DEFAULT_DEADLINE_POLICY) =>
      planMilestones(s, calendar, p).map((m) => m.name);
    expect(names({ ...running('2026-01-29', '2026-02-12'), dueDateReset: true })).not.toContain(
      'apology_prompt',
    );
    expect(
      names(running('2026-01-29', '2026-02-12'), { ...DEFAULT_DEADLINE_POLICY, apologyPrompt: false }),
    ).not.toContain('apology_prompt');
  });

  it('leaves out reminders that would fall on or before the day the clock started', () => {
    expect(
      planMilestones(running('2026-02-11', '2026-02-12'), calendar, DEFAULT_DEADLINE_POLICY).map(
        (m) => m.name,
      ),
    ).toEqual(['due', 'overdue', 'escalate_unit_head', 'escalate_leaders']);
  });

  it('follows an organisation’s own offsets, time of day and ladder', () => {
    const { policy, invalidKeys } = parseDeadlinePolicy({
      deadlineReminders: { dueSoonWorkingDays: [1, 3], remindAt: '07:15' },
      escalationLadder: [{ level: 'leaders', afterOverdueWorkingDays: 0 }],
    });
    expect(invalidKeys).toEqual([]);
    expect(table(running('2026-01-29', '2026-02-12'), policy)).toEqual([
      ['due_soon_3', '2026-02-09', '2026-02-09T00:15:00.000Z', 'handler'],
      ['due_soon_1', '2026-02-11', '2026-02-11T00:15:00.000Z', 'handler'],
      ['apology_prompt', '2026-02-11', '2026-02-11T00:15:00.000Z', 'unit_head'],
      ['due', '2026-02-12', '2026-02-12T00:15:00.000Z', 'handler'],
      ['overdue', '2026-02-13', '2026-02-13T00:15:00.000Z', 'handler'],
      ['escalate_leaders', '2026-02-13', '2026-02-13T00:15:00.000Z', 'leaders'],
    ]);
  });

  it('falls back to the defaults for a broken policy and names the key', () => {
    const parsed = parseDeadlinePolicy({
      deadlineReminders: { remindAt: '25:00' },
      escalationLadder: [
        { level: 'leaders', afterOverdueWorkingDays: 0 },
        { level: 'leaders', afterOverdueWorkingDays: 1 },
      ],
    });
    expect(parsed.policy).toEqual(DEFAULT_DEADLINE_POLICY);
    expect(parsed.invalidKeys).toEqual(['deadlineReminders', 'escalationLadder']);
  });

  it('lets a missed reminder lapse when the next one is due; overdue steps never lapse', () => {
    const plan = planMilestones(running('2026-01-29', '2026-02-12'), calendar, DEFAULT_DEADLINE_POLICY);
    const get = (name: string) => plan.find((m) => m.name === name)!;
    expect(isMilestoneDue(get('due_soon_2'), new Date('2026-02-10T00:59:59Z'))).toBe(false);
    expect(isMilestoneDue(get('due_soon_2'), new Date('2026-02-10T01:00:00Z'))).toBe(true);
    expect(isMilestoneDue(get('due_soon_2'), new Date('2026-02-11T01:00:00Z'))).toBe(false);
    expect(isMilestoneDue(get('apology_prompt'), new Date('2026-02-12T00:59:00Z'))).toBe(true);
    expect(isMilestoneDue(get('apology_prompt'), new Date('2026-02-12T01:00:00Z'))).toBe(false);
    expect(isMilestoneDue(get('due'), new Date('2026-02-13T01:00:00Z'))).toBe(false);
    expect(isMilestoneDue(get('escalate_leaders'), new Date('2027-01-01T00:00:00Z'))).toBe(true);
  });
});
