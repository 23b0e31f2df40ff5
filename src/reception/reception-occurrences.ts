// When a session takes place: the days its rule gives, on the Vietnamese working calendar. A day
// the rule gives that is off (a holiday, Tết, a weekend for "the 15th of each month") moves to the
// next working day (decision 0035); pure, so the tests need no database.
import { addDays, compareDates, dayOfWeek, fromYmd, toYmd, type LocalDate } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { ReceptionSessionRule } from './reception-session.js';

export interface Occurrence {
  date: LocalDate;
  /** The day the rule gave, when it was off and the session moved. */
  movedFrom?: LocalDate;
}

/** Occurrences with a date in [from, until], in order. */
export function listOccurrences(
  rule: ReceptionSessionRule,
  calendar: WorkingCalendar,
  from: LocalDate,
  until: LocalDate,
): Occurrence[] {
  const result: Occurrence[] = [];
  const seen = new Set<LocalDate>();
  const add = (planned: LocalDate) => {
    const date = calendar.workingDayOnOrAfter(planned);
    if (date < from || date > until || seen.has(date)) return;
    if (rule.endsOn && planned > rule.endsOn) return;
    seen.add(date);
    result.push(date === planned ? { date } : { date, movedFrom: planned });
  };
  // A planned day a little before `from` can move into the window: start the scan early.
  const scanFrom = maxDate(rule.startsOn, addDays(from, -31));
  for (const planned of plannedDays(rule, scanFrom, until)) add(planned);
  return result.sort((a, b) => compareDates(a.date, b.date));
}

function* plannedDays(rule: ReceptionSessionRule, from: LocalDate, until: LocalDate): Generator<LocalDate> {
  switch (rule.recurrence) {
    case 'once':
      if (rule.startsOn >= from && rule.startsOn <= until) yield rule.startsOn;
      return;
    case 'weekly': {
      let day = from;
      while (dayOfWeek(day) !== rule.weekday) day = addDays(day, 1);
      for (; day <= until; day = addDays(day, 7)) yield day;
      return;
    }
    case 'monthly': {
      let { year, month } = toYmd(from);
      for (;;) {
        // "The 31st" in a shorter month is its last day: the session is not skipped that month.
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const day = fromYmd(year, month, Math.min(rule.dayOfMonth!, last));
        if (day > until) return;
        if (day >= from) yield day;
        month += 1;
        if (month > 12) {
          month = 1;
          year += 1;
        }
      }
    }
    default: {
      const never: never = rule.recurrence;
      throw new Error(`unknown recurrence ${String(never)}`);
    }
  }
}

function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

export type PublicationCheck = { ok: true } | { ok: false; firstDate: LocalDate; earliest: LocalDate };

/**
 * A periodic session is posted at least `noticeWorkingDays` working days before it takes place
 * (NĐ 64/2014 Điều 4): its first occurrence must be that many working days after `today`. An
 * urgent (ad hoc) session is exempt. No occurrence at all is refused too: nothing would be posted.
 */
export function checkPublishedInTime(
  rule: ReceptionSessionRule,
  calendar: WorkingCalendar,
  today: LocalDate,
  noticeWorkingDays: number,
  urgent: boolean,
): PublicationCheck | { ok: false; reason: 'no_occurrence' } {
  const first = listOccurrences(rule, calendar, rule.startsOn, addDays(rule.startsOn, 400))[0];
  if (!first) return { ok: false, reason: 'no_occurrence' };
  if (urgent) return { ok: true };
  const earliest = calendar.addWorkingDays(today, noticeWorkingDays);
  if (first.date < earliest) return { ok: false, firstDate: first.date, earliest };
  return { ok: true };
}
