import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, parseLocalDate, toEpochDay, type LocalDate } from '../calendar/local-date.js';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.js';
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import {
  clockState,
  computeDueDate,
  extendClock,
  latestApologyDate,
  pauseClock,
  resetDueDate,
  resumeClock,
  startClock,
  stopClock,
  type ClockPause,
  type DeadlineClock,
} from './clock.js';
import { isDeadlineError, type DeadlineErrorReason } from './deadline-error.js';
import { openClock } from './open-clock.js';
import { resolveLimit } from './rule-selection.js';
import { OFFICIAL_RULE_SETS, RULE_SET_2019 } from './rule-sets.js';

const d = parseLocalDate;
const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const limit = (kind: Parameters<typeof resolveLimit>[2]) => resolveLimit(RULE_SET_2019, [], kind);
const clockOf = (kind: Parameters<typeof resolveLimit>[2], startedOn: string) =>
  startClock(limit(kind), d(startedOn));

function expectRefusal(fn: () => unknown, reason: DeadlineErrorReason): void {
  try {
    fn();
  } catch (e) {
    expect(isDeadlineError(e) ? e.reason : e).toBe(reason);
    return;
  }
  throw new Error(`expected refusal ${reason}`);
}

describe('computeDueDate', () => {
  it('counts working days from the day after the trigger, skipping Tết 2026', () => {
    // Received Friday 13/02/2026: 10 working days → 23/02 … 06/03/2026.
    expect(computeDueDate(clockOf('reception_answer', '2026-02-13'), calendar)).toBe('2026-03-06');
    // Received on a day off: counting still starts the next day.
    expect(computeDueDate(clockOf('forward_out', '2026-02-15'), calendar)).toBe('2026-02-27');
  });

  it('counts the swapped-in Saturday 10/01/2026 as a working day', () => {
    // Thursday 08/01 + 3 working days: Fri 09, Sat 10 (làm bù), Mon 12.
    expect(computeDueDate(clockOf('complaint_decision_send', '2026-01-08'), calendar)).toBe('2026-01-12');
    // Wednesday 31/12/2025 + 3: 01/01 and 02/01 off → Mon 05, Tue 06, Wed 07.
    expect(computeDueDate(clockOf('complaint_decision_send', '2025-12-31'), calendar)).toBe('2026-01-07');
  });

  it('rolls a calendar-day period that ends in Tết to the first working day after it', () => {
    // 30 days from 15/01/2026 → Saturday 14/02 → Monday 23/02/2026.
    expect(computeDueDate(clockOf('denunciation_resolution', '2026-01-15'), calendar)).toBe('2026-02-23');
    expect(computeDueDate(clockOf('complaint_resolution_first', '2026-03-01'), calendar)).toBe('2026-03-31');
  });

  it('moves the due date later by the paused span', () => {
    const base = clockOf('denunciation_resolution', '2026-03-02'); // due Wednesday 01/04/2026
    expect(computeDueDate(base, calendar)).toBe('2026-04-01');
    const paused = resumeClock(
      pauseClock(base, limit('denunciation_resolution'), d('2026-03-10')),
      d('2026-03-17'),
    );
    expect(computeDueDate(paused, calendar)).toBe('2026-04-08');
    // A working-day clock loses only the working days of the pause.
    const internal = clockOf('internal_answer', '2026-03-02'); // due 16/03
    const pausedInternal = resumeClock(
      pauseClock(internal, limit('internal_answer'), d('2026-03-06')),
      d('2026-03-10'),
    );
    expect(computeDueDate(internal, calendar)).toBe('2026-03-16');
    expect(computeDueDate(pausedInternal, calendar)).toBe('2026-03-18'); // Fri 06 and Mon 09 not counted
  });

  it('treats a pause begun and ended the same day as nothing, and an open pause as lasting until asked', () => {
    const base = clockOf('denunciation_resolution', '2026-03-02');
    const sameDay = resumeClock(
      pauseClock(base, limit('denunciation_resolution'), d('2026-03-10')),
      d('2026-03-10'),
    );
    expect(computeDueDate(sameDay, calendar)).toBe(computeDueDate(base, calendar));
    const open = pauseClock(base, limit('denunciation_resolution'), d('2026-03-10'));
    expect(computeDueDate(open, calendar)).toBe('2026-04-01');
    expect(computeDueDate(open, calendar, { openPausesUntil: d('2026-03-16') })).toBe('2026-04-08');
  });

  it('takes a pause instant in Vietnamese time', () => {
    // 20:00 UTC on 09/03 is 03:00 on 10/03 in Vietnam.
    const open = pauseClock(
      clockOf('denunciation_resolution', '2026-03-02'),
      limit('denunciation_resolution'),
      new Date('2026-03-09T20:00:00Z'),
    );
    expect(open.pauses).toEqual([{ from: '2026-03-10' }]);
  });
});

describe('extensions', () => {
  const denunciation = limit('denunciation_resolution');
  const decision = { reason: 'Vụ việc đặc biệt phức tạp', decisionRef: 'QĐ 15/QĐ-TTYT' };

  it('allows +30 +30 on a denunciation, each with a written decision, up to 90 days', () => {
    let clock = clockOf('denunciation_resolution', '2026-03-02');
    clock = extendClock(clock, denunciation, { days: 30, ...decision });
    // 02/03 + 60 days = Friday 01/05 (holiday), 02–03/05 weekend → Monday 04/05.
    expect(computeDueDate(clock, calendar)).toBe('2026-05-04');
    clock = extendClock(clock, denunciation, { days: 30, ...decision });
    // + 90 days = Sunday 31/05 → Monday 01/06.
    expect(computeDueDate(clock, calendar)).toBe('2026-06-01');
    expectRefusal(
      () => extendClock(clock, denunciation, { days: 1, ...decision }),
      'extension_count_exceeded',
    );
  });

  it('refuses what the rule does not allow', () => {
    const clock = clockOf('denunciation_resolution', '2026-03-02');
    expectRefusal(() => extendClock(clock, denunciation, { days: 31, ...decision }), 'extension_too_long');
    expectRefusal(
      () => extendClock(clock, denunciation, { days: 30, reason: 'Phức tạp' }),
      'invalid_extension',
    );
    expectRefusal(() => extendClock(clock, denunciation, { days: 0, ...decision }), 'invalid_extension');
    expectRefusal(
      () => extendClock(clockOf('forward_out', '2026-03-02'), limit('forward_out'), { days: 2, reason: 'x' }),
      'extension_not_allowed',
    );
    const complaint = clockOf('complaint_resolution_first', '2026-03-02');
    expectRefusal(
      () =>
        extendClock(complaint, limit('complaint_resolution_first'), { days: 16, reason: 'Vụ việc phức tạp' }),
      'extension_exceeds_maximum',
    );
    expect(
      extendClock(complaint, limit('complaint_resolution_first'), { days: 15, reason: 'Vụ việc phức tạp' })
        .extensions,
    ).toHaveLength(1);
    expectRefusal(
      () => extendClock(stopClock(clock, d('2026-03-05')), denunciation, { days: 30, ...decision }),
      'clock_stopped',
    );
  });
});

describe('pause, resume, stop, reset', () => {
  it('refuses to pause a clock whose rule has no suspension, or twice', () => {
    expectRefusal(
      () => pauseClock(clockOf('forward_out', '2026-03-02'), limit('forward_out'), d('2026-03-03')),
      'pause_not_allowed',
    );
    const paused = pauseClock(
      clockOf('internal_answer', '2026-03-02'),
      limit('internal_answer'),
      d('2026-03-03'),
    );
    expectRefusal(
      () => pauseClock(paused, limit('internal_answer'), d('2026-03-04')),
      'clock_already_paused',
    );
    expectRefusal(() => resumeClock(paused, d('2026-03-02')), 'date_before_start');
    expectRefusal(
      () => resumeClock(clockOf('internal_answer', '2026-03-02'), d('2026-03-04')),
      'clock_not_paused',
    );
    expectRefusal(
      () => pauseClock(clockOf('internal_answer', '2026-03-02'), limit('internal_answer'), d('2026-03-01')),
      'date_before_start',
    );
  });

  it('resets the due date once, to a later working day, via an apology', () => {
    const clock = clockOf('internal_answer', '2026-03-02'); // due 16/03/2026
    const reset = resetDueDate(clock, calendar, d('2026-03-20'));
    expect(computeDueDate(reset, calendar)).toBe('2026-03-20');
    expectRefusal(() => resetDueDate(reset, calendar, d('2026-03-27')), 'due_date_already_reset');
    expectRefusal(() => resetDueDate(clock, calendar, d('2026-03-16')), 'due_date_not_later');
    expectRefusal(() => resetDueDate(clock, calendar, d('2026-03-21')), 'due_date_not_working_day');
  });

  it('gives the last day for the apology: one working day before the due date', () => {
    // Due Monday 27/02/2026 → apology by Thursday 26/02.
    const clock = clockOf('forward_out', '2026-02-15');
    expect(latestApologyDate(clock, calendar, RULE_SET_2019.apology)).toBe('2026-02-26');
    // Due Tuesday 28/04/2026: Monday 27/04 is the Giỗ Tổ compensatory day → Friday 24/04.
    const overTheHolidays = clockOf('complaint_decision_send', '2026-04-22');
    expect(computeDueDate(overTheHolidays, calendar)).toBe('2026-04-28');
    expect(latestApologyDate(overTheHolidays, calendar, RULE_SET_2019.apology)).toBe('2026-04-24');
  });
});

describe('clockState', () => {
  const clock = clockOf('reception_answer', '2026-02-13'); // due Friday 06/03/2026

  it('moves from running to due soon, due today and overdue', () => {
    expect(clockState(clock, calendar, d('2026-02-23'))).toBe('running');
    expect(clockState(clock, calendar, d('2026-03-03'))).toBe('running');
    expect(clockState(clock, calendar, d('2026-03-04'))).toBe('due_soon');
    expect(clockState(clock, calendar, d('2026-03-04'), { dueSoonWorkingDays: 1 })).toBe('running');
    expect(clockState(clock, calendar, d('2026-03-06'))).toBe('due_today');
    expect(clockState(clock, calendar, d('2026-03-07'))).toBe('overdue');
  });

  it('says paused while paused and stopped once stopped', () => {
    const internal = clockOf('internal_answer', '2026-02-13');
    const paused = pauseClock(internal, limit('internal_answer'), d('2026-02-24'));
    expect(clockState(paused, calendar, d('2026-02-25'))).toBe('paused');
    expect(clockState(resumeClock(paused, d('2026-02-26')), calendar, d('2026-02-26'))).toBe('running');
    expect(clockState(stopClock(internal, d('2026-02-25')), calendar, d('2026-03-30'))).toBe('stopped');
  });
});

describe('openClock', () => {
  it('uses the rule set of the start date, not of today', () => {
    const before = openClock({
      ruleSets: OFFICIAL_RULE_SETS,
      kind: 'complaint_resolution_first',
      startedOn: d('2026-06-30'),
    });
    const after = openClock({
      ruleSets: OFFICIAL_RULE_SETS,
      kind: 'complaint_resolution_first',
      startedOn: d('2026-07-01'),
    });
    expect(before.clock.ruleSetCode).toBe('VN-2019');
    expect(after.clock.ruleSetCode).toBe('VN-2026-07');
    expect(after.limit.pausable).toBe(true);
  });
});

// ---------- properties ----------

const kinds = RULE_SET_2019.rules.map((r) => r.clockKind);
const arbDate = fc
  .integer({ min: toEpochDay(d('2019-01-01')), max: toEpochDay(d('2030-12-31')) })
  .map((n): LocalDate => fromEpochDay(n));
const arbClock = fc
  .record({ kind: fc.constantFrom(...kinds), startedOn: arbDate })
  .map(({ kind, startedOn }) => startClock(limit(kind), startedOn));
const arbPause = (clock: DeadlineClock) =>
  fc
    .record({ offset: fc.integer({ min: 0, max: 120 }), length: fc.integer({ min: 0, max: 40 }) })
    .map(({ offset, length }): ClockPause => {
      const from = addDays(clock.startedOn, offset);
      return { from, to: addDays(from, length) };
    });

describe('deadline properties', () => {
  it('a due date is never a day off, and never on or before the trigger day', () => {
    fc.assert(
      fc.property(arbClock, (clock) => {
        const due = computeDueDate(clock, calendar);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(due > clock.startedOn).toBe(true);
        if (clock.dayType === 'working')
          expect(calendar.countWorkingDays(clock.startedOn, due)).toBe(clock.days);
        else expect(due >= addDays(clock.startedOn, clock.days)).toBe(true);
      }),
    );
  });

  it('pausing never shortens a deadline', () => {
    fc.assert(
      fc.property(
        arbClock.chain((clock) => fc.tuple(fc.constant(clock), fc.array(arbPause(clock), { maxLength: 3 }))),
        ([clock, pauses]) => {
          const before = computeDueDate(clock, calendar);
          const after = computeDueDate({ ...clock, pauses }, calendar);
          expect(after >= before).toBe(true);
          expect(calendar.isWorkingDay(after)).toBe(true);
          // Adding one more pause on top of others never shortens either.
          const more = computeDueDate(
            {
              ...clock,
              pauses: [...pauses, { from: addDays(clock.startedOn, 3), to: addDays(clock.startedOn, 5) }],
            },
            calendar,
          );
          expect(more >= after).toBe(true);
        },
      ),
    );
  });

  it('an extension never shortens a deadline, even after an apology reset', () => {
    fc.assert(
      fc.property(
        arbClock,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        (clock, extra, resetGap) => {
          const due = computeDueDate(clock, calendar);
          const withReset: DeadlineClock = { ...clock, dueResetTo: calendar.addWorkingDays(due, resetGap) };
          for (const c of [clock, withReset]) {
            const extended = { ...c, extensions: [...c.extensions, { days: extra, reason: 'x' }] };
            expect(computeDueDate(extended, calendar) >= computeDueDate(c, calendar)).toBe(true);
          }
        },
      ),
    );
  });

  it('gives the same due dates whatever the process time zone (golden digest, checked in both projects)', () => {
    const lines: string[] = [];
    for (const kind of kinds) {
      for (let i = 0; i < 120; i++) {
        const startedOn = addDays(d('2025-01-01'), i * 6);
        const clock = startClock(limit(kind), startedOn);
        const paused: DeadlineClock = {
          ...clock,
          pauses: [{ from: addDays(startedOn, 2), to: addDays(startedOn, 9) }],
        };
        lines.push(
          `${kind} ${startedOn} ${computeDueDate(clock, calendar)} ${computeDueDate(paused, calendar)}`,
        );
      }
    }
    // Spot-check content so a digest change is always explainable.
    expect(lines).toContain('internal_answer 2026-03-03 2026-03-17 2026-03-24');
    const digest = createHash('sha256').update(lines.join('\n')).digest('hex');
    expect(digest).toBe('41c8f14a80dcaff34834ef4b7c99a60fa7cbe41c7b86a340a9e1673ec5441e42');
  });
});
