import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/local-date.js';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.js';
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import { extendClock, pauseClock, resetDueDate, resumeClock } from './clock.js';
import { explainDueDate } from './explain-due-date.js';
import { openClock } from './open-clock.js';
import { OFFICIAL_RULE_SETS } from './rule-sets.js';

const d = parseLocalDate;
const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });

describe('explainDueDate', () => {
  it('explains a working-day count across Tết 2026', () => {
    const { clock } = openClock({
      ruleSets: OFFICIAL_RULE_SETS,
      kind: 'reception_answer',
      startedOn: d('2026-02-13'),
    });
    expect(explainDueDate(clock, calendar)).toEqual([
      'Thời hạn: 10 ngày làm việc.',
      'Ngày phát sinh: Thứ Sáu, 13/02/2026; bắt đầu tính từ ngày 14/02/2026.',
      'Bỏ qua 11 ngày nghỉ: 14/02/2026 (Thứ Bảy), 15/02/2026 (Chủ nhật), 16/02/2026 (Tết Nguyên đán (29 tháng Chạp)), ' +
        '17/02/2026 (Tết Nguyên đán (mùng 1 Tết)), 18/02/2026 (Tết Nguyên đán (mùng 2 Tết)), ' +
        '19/02/2026 (Tết Nguyên đán (mùng 3 Tết)), 20/02/2026 (Tết Nguyên đán (mùng 4 Tết)), ' +
        '21/02/2026 (Thứ Bảy), 22/02/2026 (Chủ nhật), 28/02/2026 (Thứ Bảy), 01/03/2026 (Chủ nhật).',
      'Hạn: Thứ Sáu, 06/03/2026.',
    ]);
  });

  it('explains a calendar-day count that rolls past a day off, with extension and pause', () => {
    const opened = openClock({
      ruleSets: OFFICIAL_RULE_SETS,
      kind: 'denunciation_resolution',
      startedOn: d('2026-01-15'),
    });
    expect(explainDueDate(opened.clock, calendar)).toEqual([
      'Thời hạn: 30 ngày.',
      'Ngày phát sinh: Thứ Năm, 15/01/2026; bắt đầu tính từ ngày 16/01/2026.',
      'Thời hạn tính theo ngày: tính cả ngày nghỉ.',
      'Ngày cuối cùng 14/02/2026 là ngày nghỉ (Thứ Bảy), hạn chuyển sang ngày làm việc tiếp theo.',
      'Hạn: Thứ Hai, 23/02/2026.',
    ]);

    let clock = extendClock(opened.clock, opened.limit, {
      days: 30,
      reason: 'Vụ việc phức tạp',
      decisionRef: 'Quyết định 12/QĐ-TTYT',
    });
    clock = resumeClock(
      pauseClock(clock, opened.limit, d('2026-03-02'), 'Chờ kết quả giám định'),
      d('2026-03-05'),
    );
    const lines = explainDueDate(clock, calendar);
    expect(lines[0]).toBe('Thời hạn: 30 ngày, gia hạn thêm 30 ngày, tổng cộng 60 ngày.');
    expect(lines).toContain('Tạm dừng từ 02/03/2026, tính tiếp từ 05/03/2026 — Chờ kết quả giám định.');
    expect(lines).toContain(
      'Không tính 3 ngày trong thời gian tạm dừng: 02/03/2026, 03/03/2026, 04/03/2026.',
    );
    expect(lines).toContain('Gia hạn lần 1: thêm 30 ngày (Vụ việc phức tạp, Quyết định 12/QĐ-TTYT).');
    expect(lines.at(-1)).toBe('Hạn: Thứ Năm, 19/03/2026.');
  });

  it('explains an apology reset and an open pause', () => {
    const { clock, limit } = openClock({
      ruleSets: OFFICIAL_RULE_SETS,
      kind: 'internal_answer',
      startedOn: d('2026-03-02'),
    });
    const reset = resetDueDate(clock, calendar, d('2026-03-20'));
    expect(explainDueDate(reset, calendar)).toContain(
      'Hạn tính theo quy định là 16/03/2026; đã đặt lại một lần theo thư xin lỗi: 20/03/2026.',
    );
    const open = pauseClock(clock, limit, d('2026-03-05'));
    expect(explainDueDate(open, calendar, { openPausesUntil: d('2026-03-06') })).toContain(
      'Tạm dừng từ 05/03/2026 (đang tạm dừng, tạm tính đến hết 06/03/2026).',
    );
  });

  it('says so when no day off falls inside a working-day period', () => {
    const { clock } = openClock({
      ruleSets: OFFICIAL_RULE_SETS,
      kind: 'complaint_decision_send',
      startedOn: d('2026-03-02'),
    });
    expect(explainDueDate(clock, calendar)).toContain('Không có ngày nghỉ nào trong thời hạn.');
  });
});
