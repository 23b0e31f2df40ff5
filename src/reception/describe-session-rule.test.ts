import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar/local-date.js';
import { describeSessionVi } from './describe-session-rule.js';
import type { ReceptionSessionView } from './reception-session.js';

const session: ReceptionSessionView = {
  id: 's1',
  organizationId: 'o1',
  receiverRole: 'head',
  receiverName: 'Giám đốc Nguyễn Văn An',
  place: 'Phòng Tiếp công dân',
  mode: 'in_person',
  urgent: false,
  recurrence: 'weekly',
  weekday: 2,
  startsOn: '2026-03-03' as LocalDate,
  startTime: '08:00',
  endTime: '11:00',
  capacityPerSlot: 10,
};

describe('describeSessionVi', () => {
  it('says the rule, who receives and where, in Vietnamese', () => {
    expect(describeSessionVi(session)).toBe(
      'Thứ Ba hằng tuần, 08:00–11:00 — Giám đốc Nguyễn Văn An (Thủ trưởng đơn vị), Phòng Tiếp công dân',
    );
    expect(describeSessionVi({ ...session, recurrence: 'monthly', dayOfMonth: 15, mode: 'online' })).toMatch(
      /^ngày 15 hằng tháng \(gặp ngày nghỉ thì dời sang ngày làm việc kế tiếp\), 08:00–11:00 — .*, trực tuyến$/,
    );
  });
});
