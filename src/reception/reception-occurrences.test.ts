import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, OFFICIAL_OVERRIDES, type LocalDate } from '../calendar/index.js';
import { checkPublishedInTime, listOccurrences } from './reception-occurrences.js';
import type { ReceptionSessionRule } from './reception-session.js';

const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const d = (s: string) => s as LocalDate;
const rule = (r: Partial<ReceptionSessionRule>): ReceptionSessionRule => ({
  recurrence: 'monthly',
  dayOfMonth: 15,
  startsOn: d('2026-01-01'),
  startTime: '08:00',
  endTime: '11:00',
  capacityPerSlot: 5,
  ...r,
});

describe('listOccurrences', () => {
  it('"the 15th of each month" moves off weekends and Tết to the next working day', () => {
    const dates = listOccurrences(rule({}), calendar, d('2026-01-01'), d('2026-04-30'));
    expect(dates).toEqual([
      { date: '2026-01-15' },
      // 15/02/2026 is in the Tết break (14–22/02): the first working day after it.
      { date: '2026-02-23', movedFrom: '2026-02-15' },
      // Sunday 15/03/2026.
      { date: '2026-03-16', movedFrom: '2026-03-15' },
      { date: '2026-04-15' },
    ]);
  });

  it('"every Tuesday" skips to Wednesday when the Tuesday is a holiday, and honours the end date', () => {
    const weekly = rule({ recurrence: 'weekly', weekday: 2, dayOfMonth: undefined, endsOn: d('2026-02-28') });
    const dates = listOccurrences(weekly, calendar, d('2026-02-01'), d('2026-03-31')).map((o) => o.date);
    // Tuesday 17/02 is in Tết: the session is on Monday 23/02, the first working day after.
    expect(dates).toEqual(['2026-02-03', '2026-02-10', '2026-02-23', '2026-02-24']);
  });

  it('a one-off session falls once; "the 31st" falls on the last day of a short month', () => {
    const once = rule({ recurrence: 'once', startsOn: d('2026-06-10') });
    expect(listOccurrences(once, calendar, d('2026-06-01'), d('2026-12-31'))).toEqual([
      { date: '2026-06-10' },
    ]);
    const monthly = rule({ dayOfMonth: 31, startsOn: d('2026-06-01') });
    expect(listOccurrences(monthly, calendar, d('2026-06-01'), d('2026-07-31')).map((o) => o.date)).toEqual([
      '2026-06-30',
      '2026-07-31',
    ]);
  });
});

describe('checkPublishedInTime (posted at least N working days before)', () => {
  const once = (date: string) => rule({ recurrence: 'once', startsOn: d(date) });
  // Monday 02/03/2026: five working days later is Monday 09/03.
  const today = d('2026-03-02');

  it('refuses a periodic session fewer than five working days ahead and says from when it can be', () => {
    expect(checkPublishedInTime(once('2026-03-06'), calendar, today, 5, false)).toEqual({
      ok: false,
      firstDate: '2026-03-06',
      earliest: '2026-03-09',
    });
    expect(checkPublishedInTime(once('2026-03-09'), calendar, today, 5, false)).toEqual({ ok: true });
  });

  it('counts working days: a holiday week in between pushes the earliest day back', () => {
    // Friday 24/04/2026: 30/04 and 01/05 are holidays, so five working days later is 06/05.
    const result = checkPublishedInTime(once('2026-05-04'), calendar, d('2026-04-24'), 5, false);
    expect(result).toEqual({ ok: false, firstDate: '2026-05-04', earliest: '2026-05-06' });
  });

  it('exempts an urgent session, and the number of days is a setting', () => {
    expect(checkPublishedInTime(once('2026-03-03'), calendar, today, 5, true)).toEqual({ ok: true });
    expect(checkPublishedInTime(once('2026-03-04'), calendar, today, 2, false)).toEqual({ ok: true });
  });
});
