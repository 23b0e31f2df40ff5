import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.js';
import { parseReportPeriod, previousPeriod, type ReportPeriod } from './report-period.js';

/** The period's bounds as Vietnam wall-clock days, whatever the process time zone. */
const days = (p: ReportPeriod) => [p.from.toISOString(), p.to.toISOString()];

describe('parseReportPeriod', () => {
  it.each([
    ['2026-06', 'month', 'Tháng 6 năm 2026', '2026-05-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z'],
    ['2026-12', 'month', 'Tháng 12 năm 2026', '2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    ['2026-Q3', 'quarter', 'Quý III năm 2026', '2026-06-30T17:00:00.000Z', '2026-09-30T17:00:00.000Z'],
    ['2026-q4', 'quarter', 'Quý IV năm 2026', '2026-09-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    ['2026-H1', 'half', '6 tháng đầu năm 2026', '2025-12-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z'],
    ['2026-H2', 'half', '6 tháng cuối năm 2026', '2026-06-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    [
      '2026-9M',
      'nine_months',
      '9 tháng đầu năm 2026',
      '2025-12-31T17:00:00.000Z',
      '2026-09-30T17:00:00.000Z',
    ],
    ['2026', 'year', 'Năm 2026', '2025-12-31T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    [
      '2026-01-01..2026-03-31',
      'range',
      'Từ ngày 01/01/2026 đến ngày 31/03/2026',
      '2025-12-31T17:00:00.000Z',
      '2026-03-31T17:00:00.000Z',
    ],
  ])('%s is a %s: %s, on Vietnamese calendar days', (code, kind, label, from, to) => {
    const p = parseReportPeriod(code);
    expect(p.kind).toBe(kind);
    expect(p.label).toBe(label);
    expect(days(p)).toEqual([from, to]);
    expect(parseReportPeriod(p.code)).toEqual(p);
  });

  it.each([
    '',
    '2026-13',
    '2026-00',
    '2026-Q5',
    '2026-H3',
    '26-Q1',
    '2026-02-30..2026-03-01',
    '2026-03-31..2026-01-01',
    '1999',
    'quý 3',
    '2026-01-01..2032-01-01',
  ])('refuses %j with a Vietnamese message', (code) => {
    let error: unknown;
    try {
      parseReportPeriod(code);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unprocessable');
    expect((error as AppError).message).toContain('Kỳ báo cáo');
  });
});

describe('previousPeriod', () => {
  it.each([
    ['2026-01', '2025-12'],
    ['2026-06', '2026-05'],
    ['2026-Q1', '2025-Q4'],
    ['2026-Q3', '2026-Q2'],
    ['2026-H1', '2025-H2'],
    ['2026-H2', '2026-H1'],
    ['2026-9M', '2025-9M'],
    ['2026', '2025'],
    ['2026-03-01..2026-03-10', '2026-02-19..2026-02-28'],
  ])('before %s comes %s', (code, previous) => {
    expect(previousPeriod(parseReportPeriod(code)).code).toBe(previous);
  });

  it('ends where the period starts, for every kind', () => {
    for (const code of ['2026-03', '2026-Q2', '2026-H2', '2026', '2026-02-01..2026-02-28']) {
      const p = parseReportPeriod(code);
      expect(previousPeriod(p).to.getTime()).toBe(p.from.getTime());
    }
  });
});
