import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar/local-date.js';
import { parseTransparencyPeriod, summarizeTransparency, type TransparencyCaseRow } from './transparency.js';

const d = (s: string) => s as LocalDate;
const NOV = parseTransparencyPeriod({ ky: '2026-11' }, d('2026-03-01'));

const row = (over: Partial<TransparencyCaseRow>): TransparencyCaseRow => ({
  kind: 'report',
  unitName: 'Khoa Nội',
  outcome: null,
  receivedAt: new Date('2026-11-05T03:00:00Z'),
  resolvedAt: null,
  answerDueOn: null,
  satisfaction: null,
  ...over,
});

describe('parseTransparencyPeriod', () => {
  it('reads a month, a range typed either way, or defaults to the current month', () => {
    expect(NOV).toEqual({ from: '2026-11-01', to: '2026-11-30', label: 'tháng 11/2026' });
    expect(parseTransparencyPeriod({ ky: '2026-12' }, d('2026-01-01'))).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(parseTransparencyPeriod({ ky: '2028-2' }, d('2026-01-01')).to).toBe('2028-02-29');
    expect(parseTransparencyPeriod({ tu: '1/10/2026', den: '2026-12-31' }, d('2026-01-01'))).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
      label: 'từ 01/10/2026 đến 31/12/2026',
    });
    expect(parseTransparencyPeriod({}, d('2026-02-14'))).toMatchObject({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('refuses malformed months, half ranges, reversed ranges and ranges over a year', () => {
    const today = d('2026-06-01');
    for (const q of [
      { ky: '2026-13' },
      { ky: '11/2026' },
      { tu: '01/01/2026' },
      { tu: '02/01/2026', den: '01/01/2026' },
      { tu: '01/01/2025', den: '02/01/2026' },
      { tu: '31/02/2026', den: '01/03/2026' },
    ]) {
      expect(() => parseTransparencyPeriod(q, today), JSON.stringify(q)).toThrow(
        expect.objectContaining({ code: 'validation' }),
      );
    }
  });
});

describe('summarizeTransparency', () => {
  it('counts received cases by kind and unit, and resolved ones by outcome, on time and satisfaction', () => {
    const rows = [
      row({ kind: 'report', unitName: 'Khoa Nội' }),
      row({ kind: 'praise', unitName: 'Khoa Nhi' }),
      row({ kind: 'report', unitName: null }),
      // Received in October, resolved in November: counted for resolution only.
      row({
        kind: 'complaint',
        receivedAt: new Date('2026-10-20T03:00:00Z'),
        resolvedAt: new Date('2026-11-03T03:00:00Z'),
        outcome: 'partly_valid',
        answerDueOn: d('2026-11-03'),
        satisfaction: 4,
      }),
      // Resolved at 23:30 on the due day in Vietnam (16:30 UTC): on time.
      row({
        resolvedAt: new Date('2026-11-10T16:30:00Z'),
        outcome: 'valid',
        answerDueOn: d('2026-11-10'),
        satisfaction: 5,
      }),
      // 00:30 the day after the due date in Vietnam (still the due date in UTC): late.
      row({ resolvedAt: new Date('2026-11-10T17:30:00Z'), outcome: 'valid', answerDueOn: d('2026-11-10') }),
      // No answer clock: left out of the rate.
      row({ resolvedAt: new Date('2026-11-12T03:00:00Z'), outcome: null, satisfaction: 2 }),
      // Resolved in December: not this period's.
      row({
        resolvedAt: new Date('2026-12-01T03:00:00Z'),
        outcome: 'not_valid',
        answerDueOn: d('2026-12-30'),
      }),
    ];
    const s = summarizeTransparency(rows, NOV);
    expect(s.received).toBe(7);
    expect(s.byKind).toEqual([
      { kind: 'report', label: 'Phản ánh', count: 6 },
      { kind: 'praise', label: 'Khen ngợi', count: 1 },
    ]);
    expect(s.byUnit).toEqual([
      { unitName: 'Khoa Nội', count: 5 },
      { unitName: 'Chưa phân công khoa/phòng', count: 1 },
      { unitName: 'Khoa Nhi', count: 1 },
    ]);
    expect(s.resolved).toBe(4);
    expect(s.byOutcome).toEqual([
      { outcome: 'valid', label: 'Đúng', count: 2 },
      { outcome: 'partly_valid', label: 'Đúng một phần', count: 1 },
      { outcome: null, label: 'Không ghi kết quả', count: 1 },
    ]);
    expect(s.onTime).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    expect(s.satisfaction).toEqual({ average: 11 / 3, answers: 3 });
    expect(s.resolvedCases.map((c) => [c.kindLabel, c.resolvedOn, c.onTime])).toEqual([
      ['Khiếu nại', '03/11/2026', true],
      ['Phản ánh', '10/11/2026', true],
      ['Phản ánh', '11/11/2026', false],
      ['Phản ánh', '12/11/2026', null],
    ]);
  });

  it('publishes only kind, unit, dates, outcome and timeliness of a resolved case', () => {
    const s = summarizeTransparency(
      [row({ resolvedAt: new Date('2026-11-12T03:00:00Z'), outcome: 'valid', answerDueOn: d('2026-11-20') })],
      NOV,
    );
    expect(Object.keys(s.resolvedCases[0]!).sort()).toEqual(
      ['kindLabel', 'onTime', 'outcomeLabel', 'receivedOn', 'resolvedOn', 'unitName'].sort(),
    );
  });

  it('gives no rate and no average for an empty period', () => {
    const s = summarizeTransparency([], NOV);
    expect(s).toMatchObject({
      received: 0,
      resolved: 0,
      onTime: { rate: null },
      satisfaction: { average: null },
    });
  });
});
