import { describe, expect, it } from 'vitest';
import { tablesDueForAnalyze } from './table-statistics.js';

// PostgreSQL's defaults: autovacuum_analyze_threshold 50, autovacuum_analyze_scale_factor 0.1.
const defaults = { base: 50, scaleFactor: 0.1 };

describe('tablesDueForAnalyze', () => {
  it("applies autovacuum's rule: more changes than the threshold plus the scale factor times the rows", () => {
    expect(
      tablesDueForAnalyze(
        [
          { table: 'cases', rowsAtLastAnalyze: 1000, modifiedSinceAnalyze: 151 },
          { table: 'case_events', rowsAtLastAnalyze: 1000, modifiedSinceAnalyze: 150 },
          { table: 'units', rowsAtLastAnalyze: 20, modifiedSinceAnalyze: 0 },
        ],
        defaults,
      ),
    ).toEqual(['cases']);
  });

  it('counts a table never analysed (reltuples -1) as empty', () => {
    const never = { table: 'submissions', rowsAtLastAnalyze: -1, modifiedSinceAnalyze: 51 };
    expect(tablesDueForAnalyze([never], defaults)).toEqual(['submissions']);
    expect(tablesDueForAnalyze([{ ...never, modifiedSinceAnalyze: 50 }], defaults)).toEqual([]);
  });

  it("follows the database's own settings", () => {
    const t = { table: 'cases', rowsAtLastAnalyze: 10_000, modifiedSinceAnalyze: 600 };
    expect(tablesDueForAnalyze([t], defaults)).toEqual([]);
    expect(tablesDueForAnalyze([t], { base: 100, scaleFactor: 0.02 })).toEqual(['cases']);
  });
});
