// A session's rule in words people read on a wall or a list ("Thứ Ba hằng tuần", "ngày 15 hằng
// tháng"): the poster, and the CLI's listing. Dates that move off a day off are said once.
import { formatVietnameseDate, weekdayNameVi, type DayOfWeek } from '../calendar/local-date.js';
import { RECEIVER_ROLE_LABELS, type ReceptionSessionView } from './reception-session.js';

export function describeSessionRuleVi(s: ReceptionSessionView): string {
  const when =
    s.recurrence === 'once'
      ? `ngày ${formatVietnameseDate(s.startsOn)}`
      : s.recurrence === 'weekly'
        ? `${weekdayNameVi(s.weekday as DayOfWeek)} hằng tuần`
        : `ngày ${s.dayOfMonth} hằng tháng (gặp ngày nghỉ thì dời sang ngày làm việc kế tiếp)`;
  return `${when}, ${s.startTime}–${s.endTime}`;
}

/** One line: when, who, where. */
export function describeSessionVi(s: ReceptionSessionView): string {
  const where = s.mode === 'online' ? 'trực tuyến' : s.place;
  return `${describeSessionRuleVi(s)} — ${s.receiverName} (${RECEIVER_ROLE_LABELS[s.receiverRole].vi}), ${where}`;
}
