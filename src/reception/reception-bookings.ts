// Booking a place at a citizen-reception session from any chat, moving and cancelling it. Every
// change writes a reception event in the same transaction as the seat, and a case event when the
// booking is about a case. Name, phone and the chat to remind are sealed; a keyed hash of the chat
// is what "my bookings" and "may change it" are checked against.
import type { AppContext } from '../app-context.js';
import {
  addDays,
  fromDbDate,
  toVietnamDate,
  vietnamDayStart,
  type LocalDate,
} from '../calendar/local-date.js';
import { createWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import { appendCaseEvent, findCaseIdByCode } from '../cases/case.repository.js';
import { randomSymbolValues, SYMBOL_ALPHABET } from '../cases/symbol-alphabet.js';
import { AppError } from '../core/app-error.js';
import { createConversationHash } from '../core/keyed-hash.js';
import { loadCalendarOverrides } from '../deadlines/deadline.service.js';
import type { ConversationRef } from '../dialog/dialog-types.js';
import { findOrganizationByCode } from '../directory/directory.repository.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type {
  BookInput,
  BookingChangeRefusal,
  BookingView,
  BookResult,
  FreeSlot,
  MoveResult,
  ReceptionOffer,
} from './reception-booking-types.js';
import { listOccurrences } from './reception-occurrences.js';
import { minutesOf, slotsOf, timeOf, type ReceptionSessionView } from './reception-session.js';
import {
  appendReceptionEvent,
  countBookedSeats,
  findBookingByReference,
  findSession,
  insertBookingInFreeSeat,
  listActiveSessions,
  listBookingsOfConversation,
  countUpcomingBookingsOf,
  moveBookingToFreeSeat,
  markBookingCancelled,
  seatKey,
  toSessionView,
  type Tx,
} from './reception.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'sealedBox' | 'queues' | 'logger'>;

export async function loadWorkingCalendar(
  ctx: Pick<AppContext, 'db'>,
  organizationId: string,
): Promise<WorkingCalendar> {
  return createWorkingCalendar({ overrides: await loadCalendarOverrides(ctx.db.prisma, organizationId) });
}

/** A session's occurrences from today on, with their free places. */
export async function listUpcomingOffers(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  organizationId: string,
  days = ctx.config.reception.bookingDaysAhead,
): Promise<ReceptionOffer[]> {
  const sessions = await listActiveSessions(ctx.db.prisma, organizationId);
  if (!sessions.length) return [];
  const calendar = await loadWorkingCalendar(ctx, organizationId);
  const now = ctx.clock.now();
  const today = toVietnamDate(now);
  const until = addDays(today, days);
  const booked = await countBookedSeats(
    ctx.db.prisma,
    sessions.map((s) => s.id),
    today,
    until,
  );
  const offers: ReceptionOffer[] = [];
  for (const session of sessions) {
    for (const occurrence of listOccurrences(session, calendar, today, until)) {
      const slots = openSlots(session, occurrence.date, now);
      if (!slots.length) continue;
      const free = slots.reduce(
        (sum, slot) =>
          sum +
          Math.max(
            0,
            session.capacityPerSlot - (booked.get(seatKey(session.id, occurrence.date, slot)) ?? 0),
          ),
        0,
      );
      offers.push({
        ...offerOf(session, occurrence.date),
        ...(occurrence.movedFrom ? { movedFrom: occurrence.movedFrom } : {}),
        free,
      });
    }
  }
  return offers.sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
}

function offerOf(session: ReceptionSessionView, date: LocalDate): ReceptionOffer {
  return {
    sessionId: session.id,
    date,
    startTime: session.startTime,
    endTime: session.endTime,
    receiverName: session.receiverName,
    receiverRole: session.receiverRole,
    place: session.place,
    mode: session.mode,
    ...(session.meetingLink ? { meetingLink: session.meetingLink } : {}),
    slotted: !!session.slotMinutes,
    free: 0,
  };
}

/** Slots not yet begun: a slot that started already cannot be booked. */
function openSlots(session: ReceptionSessionView, date: LocalDate, now: Date): string[] {
  return slotsOf(session).filter((slot) => instantOf(date, slot) > now);
}

function instantOf(date: LocalDate, time: string): Date {
  return new Date(vietnamDayStart(date).getTime() + minutesOf(time) * 60_000);
}

export async function listFreeSlots(ctx: Ctx, sessionId: string, date: LocalDate): Promise<string[]> {
  const row = await findSession(ctx.db.prisma, sessionId);
  if (!row || row.cancelledAt) return [];
  const session = toSessionView(row);
  const booked = await countBookedSeats(ctx.db.prisma, [sessionId], date, date);
  return openSlots(session, date, ctx.clock.now()).filter(
    (slot) => (booked.get(seatKey(sessionId, date, slot)) ?? 0) < session.capacityPerSlot,
  );
}

/** The first free slot of the organisation from now on, after the one refused when given. */
export async function findNextFreeSlot(ctx: Ctx, organizationId: string): Promise<FreeSlot | null> {
  for (const offer of await listUpcomingOffers(ctx, organizationId)) {
    if (offer.free <= 0) continue;
    const [slot] = await listFreeSlots(ctx, offer.sessionId, offer.date);
    if (slot) return { offer, slot };
  }
  return null;
}

/** The occurrence of `sessionId` on `date`, when the session still takes place then. */
async function loadOccurrence(ctx: Ctx, sessionId: string, date: LocalDate, slot: string) {
  const row = await findSession(ctx.db.prisma, sessionId);
  if (!row || row.cancelledAt) return null;
  const session = toSessionView(row);
  const calendar = await loadWorkingCalendar(ctx, session.organizationId);
  const falls = listOccurrences(session, calendar, date, date).length === 1;
  if (!falls || !openSlots(session, date, ctx.clock.now()).includes(slot)) return null;
  return session;
}

/** The calendar day before, at the configured hour (Vietnam time). */
export function reminderInstant(date: LocalDate, hour: number): Date {
  return new Date(vietnamDayStart(addDays(date, -1)).getTime() + hour * 3600_000);
}

function newReference(): string {
  return `LH-${randomSymbolValues(6)
    .map((v) => SYMBOL_ALPHABET[v])
    .join('')}`;
}

export function bookingViewOf(
  booking: { reference: string; occursOn: Date; slotStart: string; caseCode: string | null },
  session: ReceptionSessionView,
  date: LocalDate,
): BookingView {
  return {
    reference: booking.reference,
    date,
    slot: booking.slotStart,
    endTime: session.slotMinutes
      ? timeOf(minutesOf(booking.slotStart) + session.slotMinutes)
      : session.endTime,
    receiverName: session.receiverName,
    receiverRole: session.receiverRole,
    place: session.place,
    mode: session.mode,
    ...(session.meetingLink ? { meetingLink: session.meetingLink } : {}),
    ...(booking.caseCode ? { caseCode: booking.caseCode } : {}),
  };
}

async function recordOnCase(
  tx: Tx,
  caseId: string | null,
  action: 'reception_booked' | 'reception_moved' | 'reception_cancelled',
  data: Record<string, string>,
  at: Date,
): Promise<void> {
  if (!caseId) return;
  await appendCaseEvent(tx, { caseId, action, actorType: 'sender', data, at });
}

export async function bookReception(ctx: Ctx, input: BookInput): Promise<BookResult> {
  const org = await findOrganizationByCode(ctx.db.prisma, input.organizationCode);
  if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị.');
  const session = await loadOccurrence(ctx, input.sessionId, input.date, input.slot);
  if (!session || session.organizationId !== org.id) return { ok: false, reason: 'gone' };
  const now = ctx.clock.now();
  const max = ctx.config.reception.maxBookingsPerPerson;
  const held = await countUpcomingBookingsOf(
    ctx.db.prisma,
    conversationKeyOf(ctx, input.conversation),
    toVietnamDate(now),
  );
  if (held >= max) return { ok: false, reason: 'limit', max };
  // The case is found by its code once the intake worker made it (a few milliseconds after the
  // receipt); the code is kept either way and shown to the officer.
  const caseId = input.caseCode
    ? ((await findCaseIdByCode(ctx.db.prisma, input.caseCode))?.id ?? null)
    : null;
  const remindAt = reminderInstant(input.date, ctx.config.reception.reminderHour);
  for (let attempt = 0; attempt < 3; attempt++) {
    const reference = newReference();
    try {
      const row = await insertBookingInFreeSeat(
        ctx.db.prisma,
        {
          reference,
          sessionId: session.id,
          occursOn: input.date,
          slotStart: input.slot,
          channel: input.conversation.channel,
          recipientCiphertext: ctx.sealedBox.sealJson(recipientOf(input.conversation, input.locale)),
          contactCiphertext: ctx.sealedBox.sealJson({ name: input.name, phone: input.phone }),
          conversationKey: conversationKeyOf(ctx, input.conversation),
          locale: input.locale,
          caseCode: input.caseCode ?? null,
          caseId,
          remindAt,
          // Booked after the reminder's hour: the confirmation is the reminder.
          remindedAt: remindAt <= now ? now : null,
          at: now,
        },
        slotCapacity(session),
        async (tx, booking) => {
          const data = { reference, date: input.date, slot: input.slot };
          await appendReceptionEvent(tx, {
            sessionId: session.id,
            bookingId: booking.id,
            action: 'booked',
            actorType: 'sender',
            data: {
              ...data,
              channel: input.conversation.channel,
              ...(input.caseCode ? { caseCode: input.caseCode } : {}),
            },
            at: now,
          });
          await recordOnCase(tx, caseId, 'reception_booked', data, now);
        },
      );
      if (!row) return { ok: false, reason: 'full', next: await findNextFreeSlot(ctx, org.id) };
      if (remindAt > now) await scheduleBookingReminder(ctx, row.id, remindAt);
      return { ok: true, booking: bookingViewOf(row, session, input.date) };
    } catch (err) {
      // The reference drawn twice (31^6 codes): draw again.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new AppError('internal', 'Chưa tạo được mã lịch hẹn, vui lòng thử lại.');
}

function slotCapacity(session: ReceptionSessionView): number {
  return session.capacityPerSlot;
}

function recipientOf(conversation: ConversationRef, locale: string): ConversationRef {
  return {
    channel: conversation.channel,
    conversationId: conversation.conversationId,
    ...(conversation.userId ? { userId: conversation.userId } : {}),
    languageHint: locale,
  };
}

function conversationKeyOf(ctx: Pick<AppContext, 'sealedBox'>, conversation: ConversationRef): string {
  return createConversationHash(ctx.sealedBox)(conversation);
}

/** The booking of `reference`, when this chat made it. */
async function ownBooking(ctx: Ctx, reference: string, conversation: ConversationRef) {
  const row = await findBookingByReference(ctx.db.prisma, reference.trim().toUpperCase());
  if (!row) return { ok: false as const, reason: 'not_found' as const };
  if (row.conversationKey !== conversationKeyOf(ctx, conversation))
    return { ok: false as const, reason: 'not_yours' as const };
  if (row.status !== 'booked') return { ok: false as const, reason: 'not_booked' as const };
  return { ok: true as const, row };
}

export async function cancelBooking(
  ctx: Ctx,
  input: { reference: string; conversation: ConversationRef },
): Promise<{ ok: true; booking: BookingView } | { ok: false; reason: BookingChangeRefusal }> {
  const own = await ownBooking(ctx, input.reference, input.conversation);
  if (!own.ok) return own;
  const { row } = own;
  const now = ctx.clock.now();
  const date = fromDbDate(row.occursOn);
  const done = await ctx.db.prisma.$transaction(async (tx) => {
    if (!(await markBookingCancelled(tx, row.id, now))) return false;
    await appendReceptionEvent(tx, {
      sessionId: row.sessionId,
      bookingId: row.id,
      action: 'cancelled',
      actorType: 'sender',
      data: { reference: row.reference },
      at: now,
    });
    await recordOnCase(tx, row.caseId, 'reception_cancelled', { reference: row.reference }, now);
    return true;
  });
  if (!done) return { ok: false, reason: 'not_booked' };
  return { ok: true, booking: bookingViewOf(row, toSessionView(row.session), date) };
}

export async function moveBooking(
  ctx: Ctx,
  input: {
    reference: string;
    sessionId: string;
    date: LocalDate;
    slot: string;
    conversation: ConversationRef;
  },
): Promise<MoveResult> {
  const own = await ownBooking(ctx, input.reference, input.conversation);
  if (!own.ok) return own;
  const { row } = own;
  const session = await loadOccurrence(ctx, input.sessionId, input.date, input.slot);
  if (!session || session.organizationId !== row.session.organizationId) return { ok: false, reason: 'gone' };
  const now = ctx.clock.now();
  const remindAt = reminderInstant(input.date, ctx.config.reception.reminderHour);
  const from = { date: fromDbDate(row.occursOn), slot: row.slotStart };
  const moved = await moveBookingToFreeSeat(
    ctx.db.prisma,
    row.id,
    { sessionId: session.id, occursOn: input.date, slotStart: input.slot, remindAt },
    slotCapacity(session),
    async (tx) => {
      const data = {
        reference: row.reference,
        fromDate: from.date,
        fromSlot: from.slot,
        date: input.date,
        slot: input.slot,
      };
      await appendReceptionEvent(tx, {
        sessionId: session.id,
        bookingId: row.id,
        action: 'moved',
        actorType: 'sender',
        data,
        at: now,
      });
      await recordOnCase(tx, row.caseId, 'reception_moved', data, now);
    },
  );
  if (!moved) return { ok: false, reason: 'full', next: await findNextFreeSlot(ctx, session.organizationId) };
  if (remindAt > now) await scheduleBookingReminder(ctx, row.id, remindAt);
  return {
    ok: true,
    booking: bookingViewOf({ ...row, slotStart: input.slot }, session, input.date),
  };
}

export async function listMyBookings(ctx: Ctx, conversation: ConversationRef): Promise<BookingView[]> {
  const today = toVietnamDate(ctx.clock.now());
  const rows = await listBookingsOfConversation(ctx.db.prisma, conversationKeyOf(ctx, conversation), today);
  return rows.map((r) => bookingViewOf(r, toSessionView(r.session), fromDbDate(r.occursOn)));
}

/** The delayed job that sends the reminder; the sweep sends it if the job is lost (decision 0036). */
export async function scheduleBookingReminder(ctx: Ctx, bookingId: string, remindAt: Date): Promise<void> {
  try {
    await ctx.queues.add(
      'reception.remind-booking',
      { bookingId, remindAt: remindAt.getTime() },
      { delay: Math.max(0, remindAt.getTime() - ctx.clock.now().getTime()) },
    );
  } catch (err) {
    ctx.logger.warn(
      { err: { message: (err as Error).message } },
      'booking reminder not scheduled; left to the sweep',
    );
  }
}
