// Adding, listing and cancelling reception sessions (the CLI today). A periodic session must be
// posted at least RECEPTION_NOTICE_WORKING_DAYS working days ahead; an urgent one is exempt.
// Cancelling a session cancels its upcoming bookings and tells each person through the notify
// outbox (the booking's sealed chat is copied, never opened here), which the app's sweep sends.
import type { AppContext } from '../app-context.js';
import {
  addDays,
  formatVietnameseDate,
  fromDbDate,
  toDbDate,
  toVietnamDate,
} from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import { textsFor } from '../dialog/dialog-locale.js';
import { findOrganizationByCode } from '../directory/directory.repository.js';
import { insertNotification } from '../notify/notification.repository.js';
import { toStoredOutbound } from '../notify/outbound-content.js';
import { loadWorkingCalendar } from './reception-bookings.js';
import { checkPublishedInTime, listOccurrences, type Occurrence } from './reception-occurrences.js';
import { ZNewReceptionSessionSchema, type ReceptionSessionView } from './reception-session.js';
import {
  appendReceptionEvent,
  findSession,
  insertSession,
  listActiveSessions,
  markBookingCancelled,
  markSessionCancelled,
  toSessionView,
} from './reception.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

export interface ReceptionSettings {
  noticeWorkingDays: number;
}

function zodMessage(error: { issues: { message: string; path: PropertyKey[] }[] }): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export async function addReceptionSession(
  ctx: Ctx,
  raw: unknown,
  settings: ReceptionSettings,
): Promise<{ session: ReceptionSessionView; next: Occurrence[] }> {
  const parsed = ZNewReceptionSessionSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError('validation', `Lịch tiếp không hợp lệ: ${zodMessage(parsed.error)}`);
  const input = parsed.data;
  const org = await findOrganizationByCode(ctx.db.prisma, input.organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${input.organizationCode}".`);
  const calendar = await loadWorkingCalendar(ctx, org.id);
  const now = ctx.clock.now();
  const today = toVietnamDate(now);
  const check = checkPublishedInTime(input.rule, calendar, today, settings.noticeWorkingDays, input.urgent);
  if (!check.ok) {
    throw new AppError(
      'validation',
      'reason' in check
        ? 'Lịch tiếp này không rơi vào ngày làm việc nào: hãy kiểm tra ngày bắt đầu, ngày kết thúc và quy tắc lặp.'
        : `Lịch tiếp định kỳ phải được niêm yết trước ít nhất ${settings.noticeWorkingDays} ngày làm việc: buổi đầu tiên (${formatVietnameseDate(check.firstDate)}) sớm nhất là ngày ${formatVietnameseDate(check.earliest)}. Đổi ngày bắt đầu, hoặc dùng --urgent cho buổi tiếp đột xuất.`,
    );
  }
  const { rule } = input;
  const row = await ctx.db.prisma.$transaction(async (tx) => {
    const created = await insertSession(tx, {
      organizationId: org.id,
      receiverRole: input.receiverRole,
      receiverName: input.receiverName,
      receiverStaffId: input.receiverStaffId ?? null,
      place: input.place,
      mode: input.mode,
      meetingLink: input.meetingLink ?? null,
      recurrence: rule.recurrence,
      weekday: rule.weekday ?? null,
      dayOfMonth: rule.dayOfMonth ?? null,
      startsOn: toDbDate(rule.startsOn),
      endsOn: rule.endsOn ? toDbDate(rule.endsOn) : null,
      startTime: rule.startTime,
      endTime: rule.endTime,
      slotMinutes: rule.slotMinutes ?? null,
      capacityPerSlot: rule.capacityPerSlot,
      urgent: input.urgent,
      note: input.note ?? null,
      createdAt: now,
    });
    await appendReceptionEvent(tx, {
      sessionId: created.id,
      action: 'session_added',
      actorType: 'staff',
      data: { recurrence: rule.recurrence, startsOn: rule.startsOn, urgent: input.urgent },
      at: now,
    });
    return created;
  });
  const session = toSessionView(row);
  return { session, next: listOccurrences(session, calendar, today, addDays(today, 120)).slice(0, 5) };
}

export async function listReceptionSessions(
  ctx: Ctx,
  organizationCode: string,
  days = 60,
): Promise<{ session: ReceptionSessionView; next: Occurrence[] }[]> {
  const org = await findOrganizationByCode(ctx.db.prisma, organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${organizationCode}".`);
  const calendar = await loadWorkingCalendar(ctx, org.id);
  const today = toVietnamDate(ctx.clock.now());
  return (await listActiveSessions(ctx.db.prisma, org.id)).map((session) => ({
    session,
    next: listOccurrences(session, calendar, today, addDays(today, days)),
  }));
}

export async function cancelReceptionSession(
  ctx: Ctx,
  sessionId: string,
): Promise<{ bookingsCancelled: number }> {
  const row = await findSession(ctx.db.prisma, sessionId);
  if (!row) throw new AppError('not_found', `Không tìm thấy lịch tiếp "${sessionId}".`);
  if (row.cancelledAt) throw new AppError('conflict', 'Lịch tiếp này đã được hủy trước đó.');
  const now = ctx.clock.now();
  const today = toVietnamDate(now);
  const session = toSessionView(row);
  return ctx.db.prisma.$transaction(async (tx) => {
    await markSessionCancelled(tx, sessionId, now);
    await appendReceptionEvent(tx, { sessionId, action: 'session_cancelled', actorType: 'staff', at: now });
    const bookings = await tx.receptionBooking.findMany({
      where: { sessionId, status: 'booked', occursOn: { gte: toDbDate(today) } },
    });
    for (const b of bookings) {
      if (!(await markBookingCancelled(tx, b.id, now))) continue;
      await appendReceptionEvent(tx, {
        sessionId,
        bookingId: b.id,
        action: 'cancelled',
        actorType: 'staff',
        data: { reference: b.reference, reason: 'session_cancelled' },
        at: now,
      });
      const t = textsFor(
        b.locale === 'en' ? 'en' : 'vi',
        b.channel === 'web' || b.channel === 'zalo' || b.channel === 'messenger' ? b.channel : 'telegram',
      );
      const date = fromDbDate(b.occursOn);
      await insertNotification(tx, {
        caseId: b.caseId ?? undefined,
        channel: b.channel,
        recipientCiphertext: b.recipientCiphertext,
        content: toStoredOutbound({
          text: t.reception.sessionCancelled(b.reference, date, b.slotStart, session.receiverName),
        }),
        dedupeKey: `reception-session-cancelled:${b.id}`,
      });
    }
    return { bookingsCancelled: bookings.length };
  });
}
