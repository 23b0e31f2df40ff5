// The reminder the day before a booking (decision 0036): a delayed job per booking for timing, a
// repeating sweep for certainty. The message goes out through the notify outbox with a dedupe key
// per booking and reminder time, then `remindedAt` is set under the condition that the booking is
// still booked at that time: a cancelled booking gets nothing, a moved one its new reminder only.
import type { AppContext } from '../app-context.js';
import { fromDbDate, toVietnamDate } from '../calendar/local-date.js';
import type { ConversationRef } from '../dialog/dialog-types.js';
import { textsFor } from '../dialog/dialog-locale.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { bookingViewOf, scheduleBookingReminder } from './reception-bookings.js';
import {
  appendReceptionEvent,
  findBookingById,
  listDueReminders,
  markReminded,
  toSessionView,
} from './reception.repository.js';

export type BookingReminderOutcome = 'sent' | 'rescheduled' | 'skipped';

export async function remindBooking(ctx: AppContext, bookingId: string): Promise<BookingReminderOutcome> {
  const row = await findBookingById(ctx.db.prisma, bookingId);
  if (!row || row.status !== 'booked' || row.remindedAt) return 'skipped';
  const now = ctx.clock.now();
  // The meeting is past (workers were down): nothing to remind of.
  if (fromDbDate(row.occursOn) < toVietnamDate(now)) return 'skipped';
  if (row.remindAt > now) {
    // Fired early (a clock moved, a re-added job): wait for the booking's own time.
    await scheduleBookingReminder(ctx, row.id, row.remindAt);
    return 'rescheduled';
  }
  const recipient = ctx.sealedBox.openJson<ConversationRef>(row.recipientCiphertext);
  const locale = row.locale === 'en' ? 'en' : 'vi';
  const t = textsFor(locale, recipient.channel);
  const view = bookingViewOf(row, toSessionView(row.session), fromDbDate(row.occursOn));
  await enqueueNotification(ctx, {
    ...(row.caseId ? { caseId: row.caseId } : {}),
    channel: recipient.channel,
    recipient,
    content: t.reception.reminder(view),
    dedupeKey: `reception-reminder:${row.id}:${row.remindAt.getTime()}`,
  });
  await ctx.db.prisma.$transaction(async (tx) => {
    if (!(await markReminded(tx, row.id, row.remindAt, now))) return;
    await appendReceptionEvent(tx, {
      sessionId: row.sessionId,
      bookingId: row.id,
      action: 'reminded',
      actorType: 'system',
      data: { reference: row.reference },
      at: now,
    });
  });
  return 'sent';
}

/** Every booking whose reminder is due and unsent, a page at a time. */
export async function sweepBookingReminders(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (const { id } of await listDueReminders(
    ctx.db.prisma,
    ctx.clock.now(),
    toVietnamDate(ctx.clock.now()),
    200,
  )) {
    if ((await remindBooking(ctx, id)) === 'sent') sent++;
  }
  return sent;
}
