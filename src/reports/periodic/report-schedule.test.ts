import { describe, expect, it } from 'vitest';
import { parseLocalDate as d } from '../../calendar/local-date.js';
import { OFFICIAL_OVERRIDES } from '../../calendar/official-overrides.js';
import { createWorkingCalendar } from '../../calendar/working-calendar.js';
import { nextDueDate, periodForDueDate, reportToDraft, type ReportSchedule } from './report-schedule.js';

const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });

describe('periodForDueDate', () => {
  it('names calendar periods by their code and other windows as ranges', () => {
    expect(periodForDueDate('quarter', d('2026-04-20')).code).toBe('2026-Q1');
    expect(periodForDueDate('year', d('2027-01-20')).code).toBe('2026');
    expect(periodForDueDate('half', d('2026-07-20')).code).toBe('2026-H1');
    expect(periodForDueDate('nine_months', d('2026-10-15')).code).toBe('2026-9M');
    expect(periodForDueDate('month', d('2026-01-05')).code).toBe('2025-12');
    // TTYT Hoài Nhơn: the 3-month report before 01/3 covers December to February.
    expect(periodForDueDate('quarter', d('2026-03-01'))).toEqual({
      from: '2025-12-01',
      to: '2026-03-01',
      code: '2025-12-01..2026-02-28',
    });
    // Sở Y tế: the 6-month report before 25/4 covers October to March.
    expect(periodForDueDate('half', d('2026-04-25')).code).toBe('2025-10-01..2026-03-31');
  });
});

describe('nextDueDate', () => {
  const half: ReportSchedule = {
    periodKind: 'half',
    dueMonths: [4, 10],
    dueDay: 25,
    draftWorkingDaysBefore: 5,
  };
  it('is the first due date after the day', () => {
    expect(nextDueDate(half, d('2026-04-24'))).toBe('2026-04-25');
    expect(nextDueDate(half, d('2026-04-25'))).toBe('2026-10-25');
    expect(nextDueDate(half, d('2026-11-01'))).toBe('2027-04-25');
  });
  it('takes the last day of a short month', () => {
    const monthly: ReportSchedule = {
      periodKind: 'month',
      dueMonths: [],
      dueDay: 31,
      draftWorkingDaysBefore: 2,
    };
    expect(nextDueDate(monthly, d('2026-02-01'))).toBe('2026-02-28');
  });
});

describe('reportToDraft', () => {
  // Due Monday 23/2/2026, the first working day after Tết (14–22/2): one working day before is 13/2.
  const s: ReportSchedule = { periodKind: 'month', dueMonths: [2], dueDay: 23, draftWorkingDaysBefore: 1 };
  it('drafts on the working day before a holiday, not during it', () => {
    expect(reportToDraft(s, d('2026-02-12'), calendar)).toBeNull();
    expect(reportToDraft(s, d('2026-02-13'), calendar)).toMatchObject({
      dueOn: '2026-02-23',
      draftOn: '2026-02-13',
    });
    expect(reportToDraft(s, d('2026-02-18'), calendar)?.draftOn).toBe('2026-02-13');
    expect(reportToDraft(s, d('2026-02-23'), calendar)).toBeNull();
  });
});
