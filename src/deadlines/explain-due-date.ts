import {
  dayOfWeek,
  formatVietnameseDate,
  formatVietnameseDateWithWeekday,
  weekdayNameVi,
  type LocalDate,
} from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { traceDueDate, type DeadlineClock, type DueDateOptions } from './clock.js';

/**
 * How a due date was counted, in Vietnamese lines a handler can check by hand with a paper
 * calendar (for `langnghe due` and the case page):
 *
 *   Thời hạn: 10 ngày làm việc.
 *   Ngày phát sinh: Thứ Sáu, 13/02/2026; bắt đầu tính từ ngày 14/02/2026.
 *   Bỏ qua 11 ngày nghỉ: 14/02/2026 (Thứ Bảy), 16/02/2026 (Tết Nguyên đán (29 tháng Chạp)), …
 *   Hạn: Thứ Sáu, 06/03/2026.
 */
export function explainDueDate(
  clock: DeadlineClock,
  calendar: WorkingCalendar,
  options: DueDateOptions & { title?: string } = {},
): string[] {
  const trace = traceDueDate(clock, calendar, options);
  const unit = clock.dayType === 'working' ? 'ngày làm việc' : 'ngày';
  const lines: string[] = [];
  if (options.title) lines.push(options.title);

  const extended = trace.totalDays - clock.days;
  lines.push(
    extended > 0
      ? `Thời hạn: ${clock.days} ${unit}, gia hạn thêm ${extended} ${unit}, tổng cộng ${trace.totalDays} ${unit}.`
      : `Thời hạn: ${clock.days} ${unit}.`,
  );
  lines.push(
    `Ngày phát sinh: ${formatVietnameseDateWithWeekday(clock.startedOn)}; bắt đầu tính từ ngày ${formatVietnameseDate(trace.firstCountedDay)}.`,
  );

  if (clock.dayType === 'working') {
    lines.push(
      trace.skippedDaysOff.length > 0
        ? `Bỏ qua ${trace.skippedDaysOff.length} ngày nghỉ: ${trace.skippedDaysOff.map((d) => describeDayOff(d, calendar)).join(', ')}.`
        : 'Không có ngày nghỉ nào trong thời hạn.',
    );
  } else {
    lines.push('Thời hạn tính theo ngày: tính cả ngày nghỉ.');
  }

  for (const pause of clock.pauses) {
    const end = pause.to ?? options.openPausesUntil;
    const span =
      pause.to !== undefined
        ? `từ ${formatVietnameseDate(pause.from)}, tính tiếp từ ${formatVietnameseDate(pause.to)}`
        : end !== undefined
          ? `từ ${formatVietnameseDate(pause.from)} (đang tạm dừng, tạm tính đến hết ${formatVietnameseDate(end)})`
          : `từ ${formatVietnameseDate(pause.from)} (đang tạm dừng)`;
    lines.push(`Tạm dừng ${span}${pause.reason ? ` — ${pause.reason}` : ''}.`);
  }
  if (trace.pausedDays.length > 0) {
    lines.push(
      `Không tính ${trace.pausedDays.length} ${unit} trong thời gian tạm dừng: ${trace.pausedDays.map(formatVietnameseDate).join(', ')}.`,
    );
  }

  clock.extensions.forEach((extension, i) => {
    const decision = extension.decisionRef ? `, ${extension.decisionRef}` : '';
    lines.push(`Gia hạn lần ${i + 1}: thêm ${extension.days} ${unit} (${extension.reason}${decision}).`);
  });

  if (trace.rolledFrom) {
    lines.push(
      `Ngày cuối cùng ${formatVietnameseDate(trace.rolledFrom)} là ngày nghỉ (${describeReason(trace.rolledFrom, calendar)}), hạn chuyển sang ngày làm việc tiếp theo.`,
    );
  }
  if (trace.resetApplied && clock.dueResetTo) {
    lines.push(
      `Hạn tính theo quy định là ${formatVietnameseDate(trace.countedDueDate)}; đã đặt lại một lần theo thư xin lỗi: ${formatVietnameseDate(clock.dueResetTo)}.`,
    );
  }
  lines.push(`Hạn: ${formatVietnameseDateWithWeekday(trace.dueDate)}.`);
  return lines;
}

function describeDayOff(date: LocalDate, calendar: WorkingCalendar): string {
  return `${formatVietnameseDate(date)} (${describeReason(date, calendar)})`;
}

function describeReason(date: LocalDate, calendar: WorkingCalendar): string {
  const status = calendar.dayStatus(date);
  if (status.origin === 'weekend' || !status.name) return weekdayNameVi(dayOfWeek(date));
  return status.name;
}
