// The officer's list of the day's bookings (`/lichtiep`): time, reference, the person's name and
// phone (opened here, for staff holding RECEPTION_LIST_ROLES in a private chat), the case code.
import type { AppContext } from '../app-context.js';
import { formatVietnameseDateWithWeekday, fromDbDate, type LocalDate } from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import type { StaffMember } from '../directory/staff-member.js';
import { bookingViewOf } from './reception-bookings.js';
import { RECEPTION_LIST_ROLES } from './reception-roles.js';
import { listBookingsOfDay, toSessionView } from './reception.repository.js';

export async function describeDayBookings(
  ctx: Pick<AppContext, 'db' | 'sealedBox'>,
  staff: StaffMember,
  day: LocalDate,
): Promise<string> {
  if (!staff.roles.some((r) => RECEPTION_LIST_ROLES.includes(r.role)))
    throw new AppError('forbidden', 'Bạn không có quyền xem danh sách lịch tiếp công dân.');
  const rows = await listBookingsOfDay(ctx.db.prisma, staff.organizationId, day);
  const title = `Lịch tiếp công dân ${formatVietnameseDateWithWeekday(day)}`;
  if (!rows.length) return `${title}: chưa có ai đặt lịch.`;
  const lines = rows.map((r) => {
    const view = bookingViewOf(r, toSessionView(r.session), fromDbDate(r.occursOn));
    const contact = ctx.sealedBox.openJson<{ name: string; phone: string }>(r.contactCiphertext);
    return `• ${view.slot}–${view.endTime} ${contact.name} — ${contact.phone} (${view.reference}${view.caseCode ? `, hồ sơ ${view.caseCode}` : ''}) — ${r.session.receiverName}`;
  });
  return [`${title} — ${rows.length} người:`, ...lines].join('\n');
}
