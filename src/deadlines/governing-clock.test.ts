import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/local-date.js';
import { dueOnInForceAt, governingClock, isStatutoryClockKind } from './governing-clock.js';

const d = parseLocalDate;

describe('governingClock', () => {
  it('prefers a running statutory clock over an earlier internal one', () => {
    const g = governingClock([
      { kind: 'internal_answer', status: 'running', dueOn: d('2026-03-01') },
      { kind: 'complaint_resolution_first', status: 'running', dueOn: d('2026-04-10') },
    ]);
    expect(g?.clock.kind).toBe('complaint_resolution_first');
    expect(g?.basis).toBe('statutory');
  });

  it('falls back to the internal clock, ignores stopped clocks, and takes the earliest of a rank', () => {
    expect(
      governingClock([
        { kind: 'complaint_acceptance', status: 'stopped', dueOn: d('2026-02-01') },
        { kind: 'internal_answer', status: 'paused', dueOn: d('2026-03-01') },
      ]),
    ).toMatchObject({ clock: { kind: 'internal_answer' }, basis: 'internal' });
    expect(
      governingClock([
        { kind: 'denunciation_resolution', status: 'running', dueOn: d('2026-05-01') },
        { kind: 'denunciation_conclusion_send', status: 'running', dueOn: d('2026-04-01') },
      ])?.clock.kind,
    ).toBe('denunciation_conclusion_send');
    expect(
      governingClock([{ kind: 'internal_answer', status: 'stopped', dueOn: d('2026-03-01') }]),
    ).toBeNull();
  });

  it('reads which limits are statutory from the rule sets', () => {
    expect(isStatutoryClockKind('complaint_acceptance')).toBe(true);
    expect(isStatutoryClockKind('internal_answer')).toBe(false);
    expect(isStatutoryClockKind('staff_feedback_answer')).toBe(false);
  });
});

describe('dueOnInForceAt', () => {
  // 2026-03-10 10:00 in Vietnam (UTC+7).
  const answeredAt = new Date('2026-03-10T03:00:00Z');
  const clock = (kind: string, dueOn: string, stoppedAt: Date | null, startedOn = '2026-02-01') => ({
    kind,
    startedOn: d(startedOn),
    dueOn: d(dueOn),
    stoppedAt,
  });

  it('takes the earliest statutory due date among the clocks counting at the answer', () => {
    expect(
      dueOnInForceAt(
        [
          clock('internal_answer', '2026-02-20', answeredAt),
          clock('complaint_resolution_first', '2026-04-10', answeredAt),
          clock('complaint_acceptance', '2026-03-20', null),
        ],
        answeredAt,
      ),
    ).toBe('2026-03-20');
  });

  it('ignores clocks stopped before the answer or started after its day, else takes any earliest', () => {
    expect(
      dueOnInForceAt(
        [
          clock('complaint_acceptance', '2026-02-05', new Date('2026-02-04T00:00:00Z')),
          clock('complaint_decision_send', '2026-01-01', answeredAt, '2026-03-11'),
          clock('internal_answer', '2026-03-01', answeredAt),
        ],
        answeredAt,
      ),
    ).toBe('2026-03-01');
    // Started on the answer's Vietnamese day (still the 10th at 10:00 there) counts.
    expect(dueOnInForceAt([clock('internal_answer', '2026-03-09', null, '2026-03-10')], answeredAt)).toBe(
      '2026-03-09',
    );
    expect(dueOnInForceAt([], answeredAt)).toBeNull();
  });
});
