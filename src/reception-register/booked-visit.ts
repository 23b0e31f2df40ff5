// A visit logged with a booking's reference (LH-…, from /lichtiep or the person's confirmation)
// closes the booking's loop: the reference must be one of this organisation's bookings — a mistyped
// one is refused rather than kept as text nobody can follow — and the visit is written on the
// booking's audit trail. Any other reference (a case code the person brought) stays plain text.
import type { Db } from '../db/database.js';
import { AppError } from '../core/app-error.js';

const BOOKING_PREFIX = /^LH-/i;

export interface BookedVisit {
  id: string;
  sessionId: string;
  caseCode: string | null;
}

export async function findBookingOfVisit(
  db: Db,
  organizationId: string,
  reference: string | undefined,
): Promise<BookedVisit | null> {
  if (!reference || !BOOKING_PREFIX.test(reference.trim())) return null;
  const wanted = reference.trim().toUpperCase();
  const booking = await db.receptionBooking.findUnique({
    where: { reference: wanted },
    select: { id: true, sessionId: true, caseCode: true, session: { select: { organizationId: true } } },
  });
  if (!booking || booking.session.organizationId !== organizationId) {
    throw new AppError('validation', `Không tìm thấy lịch hẹn ${wanted} của đơn vị này.`);
  }
  return { id: booking.id, sessionId: booking.sessionId, caseCode: booking.caseCode };
}
