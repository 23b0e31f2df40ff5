import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/local-date.js';
import { governingClock, isStatutoryClockKind } from './governing-clock.js';

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
