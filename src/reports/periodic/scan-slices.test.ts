import { describe, expect, it } from 'vitest';
import { scanSlices } from './periodic-report.repository.js';
import { parseReportPeriod, previousPeriod } from './report-period.js';

// The report adds up the groups of every stretch: a case is counted once exactly when the
// stretches of each period follow one another without gap or overlap and end where it ends.
describe('scanSlices', () => {
  it.each(['2026', '2026-9M', '2026-Q3', '2026-02', '2026-01-01..2026-01-01'])(
    'cuts %s and its previous period into stretches that cover each exactly once',
    (code) => {
      const period = parseReportPeriod(code);
      const previous = previousPeriod(period);
      const slices = scanSlices(period, previous);
      for (const [p, current] of [
        [period, true],
        [previous, false],
      ] as const) {
        const own = slices.filter((s) => s.current === current);
        expect(own.length).toBeGreaterThan(1);
        expect(own[0]!.from).toEqual(p.from);
        expect(own.at(-1)!.to).toEqual(p.to);
        for (let i = 1; i < own.length; i++) expect(own[i]!.from).toEqual(own[i - 1]!.to);
        for (const s of own) expect(s.from.getTime()).toBeLessThan(s.to.getTime());
      }
    },
  );
});
