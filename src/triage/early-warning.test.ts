import { describe, expect, it } from 'vitest';
import { addDays, parseLocalDate, type LocalDate } from '../calendar/local-date.js';
import { detectSpikes, poissonTail, type ReceivedCase } from './early-warning.js';

const TODAY = parseLocalDate('2026-03-18');
const SETTINGS = { windowDays: 3, baselineWeeks: 8, minCases: 4, pValue: 0.001 };

/** About one report a week about Khoa Nội for eight weeks, plus `extra` in the last three days. */
function cases(extra: number): ReceivedCase[] {
  const out: ReceivedCase[] = [];
  for (let w = 1; w <= 8; w++) {
    out.push({
      id: `b${w}`,
      unitId: 'knoi',
      kind: 'report',
      receivedOn: addDays(TODAY, -3 - 7 * w + 4) as LocalDate,
    });
  }
  for (let i = 0; i < extra; i++)
    out.push({ id: `r${i}`, unitId: 'knoi', kind: 'report', receivedOn: addDays(TODAY, -(i % 3)) });
  // Another unit at its usual pace: never flagged.
  for (let d = 0; d < 59; d += 2)
    out.push({ id: `k${d}`, unitId: 'kcc', kind: 'complaint', receivedOn: addDays(TODAY, -d) });
  return out;
}

describe('early warning', () => {
  it('flags many reports of one kind about one unit in the last days, with the cases behind it', () => {
    const spikes = detectSpikes(cases(7), TODAY, SETTINGS);
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({
      unitKey: 'knoi',
      kind: 'report',
      count: 7,
      windowStart: '2026-03-16',
      windowEnd: '2026-03-18',
    });
    expect(spikes[0]!.caseIds).toHaveLength(7);
    expect(spikes[0]!.expected).toBeCloseTo(0.43, 2);
  });

  it('flags nothing at the usual rate', () => {
    expect(detectSpikes(cases(1), TODAY, SETTINGS)).toEqual([]);
  });

  it('needs at least the minimum count, however quiet the unit was', () => {
    expect(detectSpikes(cases(3), TODAY, SETTINGS)).toEqual([]);
  });

  it('computes the Poisson tail', () => {
    expect(poissonTail(0, 2)).toBe(1);
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10);
    expect(poissonTail(3, 0.5)).toBeCloseTo(0.01439, 4);
  });
});
