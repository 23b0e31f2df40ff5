import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/local-date.js';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.js';
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import {
  MAX_LISTED,
  buildHotlineReview,
  buildLeadersDigest,
  buildUnitDigest,
  mondayOf,
  selectDigestEntries,
  type DigestClock,
} from './digest.js';

const d = parseLocalDate;
const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const clock = (code: string, dueOn: string, extra: Partial<DigestClock> = {}): DigestClock => ({
  caseId: `id-${code}`,
  code,
  kind: 'report',
  unitId: 'u1',
  unitName: 'Khoa Nội',
  clockKind: 'internal_answer',
  dueOn: d(dueOn),
  ...extra,
});

describe('selectDigestEntries', () => {
  it('keeps overdue, due-today and due-soon cases, counting working days across Tết', () => {
    // Monday 23/02/2026, the first working day after Tết.
    const entries = selectDigestEntries(
      [
        clock('DUE-SOON', '2026-02-25'),
        clock('FAR-AWAY', '2026-03-10'),
        clock('TODAY', '2026-02-23'),
        clock('LATE-TET', '2026-02-13'),
        clock('LATE-LONG', '2026-02-10'),
      ],
      calendar,
      d('2026-02-23'),
      2,
    );
    expect(entries.map((e) => [e.code, e.state, e.workingDays])).toEqual([
      ['LATE-LONG', 'overdue', 4], // 11, 12, 13/02 and 23/02
      ['LATE-TET', 'overdue', 1], // Tết does not count
      ['TODAY', 'due_today', 0],
      ['DUE-SOON', 'due_soon', 2],
    ]);
  });

  it('shows a case once, by its most pressing clock', () => {
    const entries = selectDigestEntries(
      [clock('A', '2026-03-04', { clockKind: 'complaint_resolution_first' }), clock('A', '2026-03-02')],
      calendar,
      d('2026-03-03'),
      2,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ clockKind: 'internal_answer', state: 'overdue' });
  });
});

describe('digest texts', () => {
  const entries = selectDigestEntries(
    [clock('LATE1', '2026-03-02'), clock('SOON1', '2026-03-05', { unitName: null, unitId: null })],
    calendar,
    d('2026-03-03'),
    2,
  );

  it('tells a unit what is late and what is coming, in Vietnamese', () => {
    const text = buildUnitDigest({ date: d('2026-03-03'), unitName: 'Khoa Nội', entries })!.text;
    expect(text).toContain('Tổng hợp thời hạn ngày 03/03/2026 — Khoa Nội');
    expect(text).toContain('Quá hạn: 1 · Đến hạn hôm nay: 0 · Sắp đến hạn: 1');
    expect(text).toContain(
      '• LATE1 (Phản ánh) — hạn trả lời người gửi (thời hạn nội bộ) 02/03/2026, quá hạn 1 ngày làm việc',
    );
    expect(text).toContain('SOON1');
    expect(buildUnitDigest({ date: d('2026-03-03'), unitName: 'Khoa Nội', entries: [] })).toBeNull();
  });

  it('tells the leaders only what is overdue, with the unit', () => {
    const text = buildLeadersDigest({ date: d('2026-03-03'), organizationName: 'TTYT', entries })!.text;
    expect(text).toContain('Hồ sơ quá hạn ngày 03/03/2026 — TTYT');
    expect(text).toContain('LATE1 (Phản ánh · Khoa Nội)');
    expect(text).not.toContain('SOON1');
    expect(
      buildLeadersDigest({ date: d('2026-03-03'), organizationName: 'TTYT', entries: entries.slice(1) }),
    ).toBeNull();
  });

  it('cuts a long list and says how many are left out', () => {
    const many = Array.from({ length: MAX_LISTED + 5 }, (_, i) => clock(`C${i}`, '2026-03-02'));
    const text = buildUnitDigest({
      date: d('2026-03-03'),
      unitName: 'Khoa Nội',
      entries: selectDigestEntries(many, calendar, d('2026-03-03'), 2),
    })!.text;
    expect(text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(MAX_LISTED);
    expect(text).toContain('… và 5 hồ sơ khác');
  });
});

describe('weekly hotline review', () => {
  it('covers the seven days before the Monday it is for', () => {
    expect(mondayOf(d('2026-03-09'))).toBe('2026-03-09');
    expect(mondayOf(d('2026-03-15'))).toBe('2026-03-09');
    const text = buildHotlineReview({
      weekOf: d('2026-03-09'),
      organizationName: 'TTYT',
      cases: [
        {
          code: 'H1',
          kind: 'report',
          status: 'in_progress',
          receivedOn: d('2026-03-02'),
          dueOn: d('2026-03-06'),
          overdue: true,
        },
        {
          code: 'H2',
          kind: 'praise',
          status: 'closed',
          receivedOn: d('2026-03-04'),
          dueOn: null,
          overdue: false,
        },
      ],
    }).text;
    expect(text).toContain('Rà soát đường dây nóng tuần 02/03/2026–08/03/2026 — TTYT');
    expect(text).toContain('Chỉ thị 09/CT-BYT');
    expect(text).toContain('Số cuộc gọi ghi nhận: 2 · Đang xử lý: 1 · Quá hạn: 1');
    expect(text).toContain('• H1 (Phản ánh, nhận 02/03/2026) — ');
    expect(text).toContain('hạn 06/03/2026 — QUÁ HẠN');
  });

  it('is sent for a quiet week too', () => {
    expect(
      buildHotlineReview({ weekOf: d('2026-03-09'), organizationName: 'TTYT', cases: [] }).text,
    ).toContain('không có cuộc gọi nào');
  });
});
