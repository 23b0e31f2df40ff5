// Early warning, pure: per unit and kind, are the cases of the last few days more than the usual
// rate explains? The usual rate is the count over the baseline weeks before the window; the test is
// the Poisson tail P(X ≥ count) at that rate scaled to the window. A unit with no case in the
// baseline is taken to have had one, so a quiet unit's first two cases are not a "spike".
import { addDays, type LocalDate } from '../calendar/local-date.js';
import type { CaseKind } from '../cases/case-vocabulary.js';

export interface EarlyWarningSettings {
  windowDays: number;
  baselineWeeks: number;
  /** Fewer cases than this in the window are never a spike, whatever the rate. */
  minCases: number;
  /** Flag when the Poisson tail probability is below this. */
  pValue: number;
}

export interface ReceivedCase {
  id: string;
  unitId: string | null;
  kind: CaseKind;
  receivedOn: LocalDate;
}

export interface Spike {
  /** The unit id, or '-' for cases not routed to a unit. */
  unitKey: string;
  kind: CaseKind;
  windowStart: LocalDate;
  windowEnd: LocalDate;
  count: number;
  expected: number;
  pValue: number;
  caseIds: string[];
}

/** The days the job reads: the baseline then the window, ending with `today` (inclusive). */
export function earlyWarningPeriod(today: LocalDate, s: EarlyWarningSettings) {
  const windowStart = addDays(today, 1 - s.windowDays);
  return { baselineStart: addDays(windowStart, -7 * s.baselineWeeks), windowStart, windowEnd: today };
}

export function detectSpikes(
  cases: readonly ReceivedCase[],
  today: LocalDate,
  s: EarlyWarningSettings,
): Spike[] {
  const { baselineStart, windowStart, windowEnd } = earlyWarningPeriod(today, s);
  const groups = new Map<string, { unitKey: string; kind: CaseKind; recent: string[]; baseline: number }>();
  for (const c of cases) {
    if (c.receivedOn < baselineStart || c.receivedOn > windowEnd) continue;
    const unitKey = c.unitId ?? '-';
    const key = `${unitKey}|${c.kind}`;
    const g = groups.get(key) ?? { unitKey, kind: c.kind, recent: [], baseline: 0 };
    if (c.receivedOn >= windowStart) g.recent.push(c.id);
    else g.baseline++;
    groups.set(key, g);
  }
  const spikes: Spike[] = [];
  for (const g of groups.values()) {
    if (g.recent.length < s.minCases) continue;
    const expected = (Math.max(g.baseline, 1) * s.windowDays) / (7 * s.baselineWeeks);
    const p = poissonTail(g.recent.length, expected);
    if (p >= s.pValue) continue;
    spikes.push({
      unitKey: g.unitKey,
      kind: g.kind,
      windowStart,
      windowEnd,
      count: g.recent.length,
      expected: Math.round(expected * 100) / 100,
      pValue: p,
      caseIds: [...g.recent].sort(),
    });
  }
  return spikes.sort((a, b) => a.pValue - b.pValue);
}

/** P(X ≥ k) for X ~ Poisson(lambda): 1 − Σ_{i<k} e^−λ λ^i / i!, summed in log space. */
export function poissonTail(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}
