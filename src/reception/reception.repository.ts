// The only reception code that touches Prisma: sessions, bookings and their audit events.
import { fromDbDate, toDbDate, type LocalDate } from '../calendar/local-date.js';
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';
import type { ActorType, Channel } from '../db/generated/enums.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { ReceptionSessionView } from './reception-session.js';

export type Tx = Prisma.TransactionClient;

export interface ReceptionEventInput {
  sessionId: string;
  bookingId?: string;
  action: string;
  actorType: ActorType;
  actorStaffId?: string;
  /** Never personal data: ids, dates, slots, references. */
  data?: Prisma.InputJsonValue;
  at: Date;
}

export function appendReceptionEvent(tx: Tx | Db, e: ReceptionEventInput) {
  return tx.receptionEvent.create({
    data: {
      sessionId: e.sessionId,
      bookingId: e.bookingId ?? null,
      action: e.action,
      actorType: e.actorType,
      actorStaffId: e.actorStaffId ?? null,
      ...(e.data === undefined ? {} : { data: e.data }),
      createdAt: e.at,
    },
  });
}

type SessionRow = Awaited<ReturnType<Db['receptionSession']['findFirstOrThrow']>>;

export function toSessionView(row: SessionRow): ReceptionSessionView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    receiverRole: row.receiverRole as ReceptionSessionView['receiverRole'],
    receiverName: row.receiverName,
    place: row.place,
    mode: row.mode as ReceptionSessionView['mode'],
    ...(row.meetingLink ? { meetingLink: row.meetingLink } : {}),
    urgent: row.urgent,
    ...(row.note ? { note: row.note } : {}),
    recurrence: row.recurrence as ReceptionSessionView['recurrence'],
    ...(row.weekday !== null ? { weekday: row.weekday } : {}),
    ...(row.dayOfMonth !== null ? { dayOfMonth: row.dayOfMonth } : {}),
    startsOn: fromDbDate(row.startsOn),
    ...(row.endsOn ? { endsOn: fromDbDate(row.endsOn) } : {}),
    startTime: row.startTime,
    endTime: row.endTime,
    ...(row.slotMinutes !== null ? { slotMinutes: row.slotMinutes } : {}),
    capacityPerSlot: row.capacityPerSlot,
  };
}

export function insertSession(tx: Tx, data: Prisma.ReceptionSessionUncheckedCreateInput) {
  return tx.receptionSession.create({ data });
}

export async function listActiveSessions(db: Db, organizationId: string): Promise<ReceptionSessionView[]> {
  const rows = await db.receptionSession.findMany({
    where: { organizationId, cancelledAt: null },
    orderBy: [{ startsOn: 'asc' }, { startTime: 'asc' }],
  });
  return rows.map(toSessionView);
}

export async function findSession(db: Db | Tx, id: string) {
  return db.receptionSession.findUnique({ where: { id } });
}

export function markSessionCancelled(tx: Tx, id: string, at: Date) {
  return tx.receptionSession.updateMany({ where: { id, cancelledAt: null }, data: { cancelledAt: at } });
}

/** Booked seats per `date|slot` of the sessions on the days given. */
export async function countBookedSeats(
  db: Db,
  sessionIds: readonly string[],
  from: LocalDate,
  until: LocalDate,
): Promise<Map<string, number>> {
  if (!sessionIds.length) return new Map();
  const groups = await db.receptionBooking.groupBy({
    by: ['sessionId', 'occursOn', 'slotStart'],
    where: {
      sessionId: { in: [...sessionIds] },
      status: 'booked',
      occursOn: { gte: toDbDate(from), lte: toDbDate(until) },
    },
    _count: { _all: true },
  });
  return new Map(
    groups.map((g) => [seatKey(g.sessionId, fromDbDate(g.occursOn), g.slotStart), g._count._all]),
  );
}

export const seatKey = (sessionId: string, date: LocalDate, slot: string) => `${sessionId}|${date}|${slot}`;

export interface NewBooking {
  reference: string;
  sessionId: string;
  occursOn: LocalDate;
  slotStart: string;
  channel: Channel;
  recipientCiphertext: Uint8Array;
  contactCiphertext: Uint8Array;
  conversationKey: string;
  locale: string;
  caseCode: string | null;
  caseId: string | null;
  remindAt: Date;
  remindedAt: Date | null;
  at: Date;
}

/**
 * Takes the first free seat of the slot; the unique index on (session, day, slot, seat) is what
 * stops two people taking the last one at once. Null when every seat is taken.
 */
export async function insertBookingInFreeSeat(
  db: Db,
  data: NewBooking,
  capacity: number,
  /** The audit events, in the same transaction as the seat. */
  record: (tx: Tx, booking: { id: string }) => Promise<void>,
) {
  for (let seat = 1; seat <= capacity; seat++) {
    try {
      return await db.$transaction(async (tx) => {
        const row = await tx.receptionBooking.create({
          data: {
            reference: data.reference,
            sessionId: data.sessionId,
            occursOn: toDbDate(data.occursOn),
            slotStart: data.slotStart,
            seat,
            status: 'booked',
            channel: data.channel,
            recipientCiphertext: Uint8Array.from(data.recipientCiphertext),
            contactCiphertext: Uint8Array.from(data.contactCiphertext),
            conversationKey: data.conversationKey,
            locale: data.locale,
            caseCode: data.caseCode,
            caseId: data.caseId,
            remindAt: data.remindAt,
            createdAt: data.at,
          },
        });
        await record(tx, row);
        return row;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // A seat taken (or, once, the reference drawn twice: the caller draws again).
      if (await db.receptionBooking.findUnique({ where: { reference: data.reference } })) throw err;
    }
  }
  return null;
}

/** Moves a booking to a free seat of another slot; false when every seat there is taken. */
export async function moveBookingToFreeSeat(
  db: Db,
  id: string,
  to: { sessionId: string; occursOn: LocalDate; slotStart: string; remindAt: Date },
  capacity: number,
  record: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  for (let seat = 1; seat <= capacity; seat++) {
    try {
      return await db.$transaction(async (tx) => {
        const { count } = await tx.receptionBooking.updateMany({
          where: { id, status: 'booked' },
          data: {
            sessionId: to.sessionId,
            occursOn: toDbDate(to.occursOn),
            slotStart: to.slotStart,
            seat,
            remindAt: to.remindAt,
            remindedAt: null,
          },
        });
        if (count !== 1) return false;
        await record(tx);
        return true;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return false;
}

export function findBookingByReference(db: Db | Tx, reference: string) {
  return db.receptionBooking.findUnique({ where: { reference }, include: { session: true } });
}

export function findBookingById(db: Db | Tx, id: string) {
  return db.receptionBooking.findUnique({ where: { id }, include: { session: true } });
}

/** True when this call cancelled it (a booked one); the seat is freed. */
export async function markBookingCancelled(tx: Tx, id: string, at: Date): Promise<boolean> {
  const { count } = await tx.receptionBooking.updateMany({
    where: { id, status: 'booked' },
    data: { status: 'cancelled', seat: null, cancelledAt: at },
  });
  return count === 1;
}

export function listBookingsOfConversation(db: Db, conversationKey: string, fromDay: LocalDate) {
  return db.receptionBooking.findMany({
    where: { conversationKey, status: 'booked', occursOn: { gte: toDbDate(fromDay) } },
    include: { session: true },
    orderBy: [{ occursOn: 'asc' }, { slotStart: 'asc' }],
    take: 10,
  });
}

export function countUpcomingBookingsOf(db: Db, conversationKey: string, fromDay: LocalDate) {
  return db.receptionBooking.count({
    where: { conversationKey, status: 'booked', occursOn: { gte: toDbDate(fromDay) } },
  });
}

export function listBookingsOfDay(db: Db, organizationId: string, day: LocalDate) {
  return db.receptionBooking.findMany({
    where: { status: 'booked', occursOn: toDbDate(day), session: { organizationId } },
    include: { session: true },
    orderBy: [{ slotStart: 'asc' }, { createdAt: 'asc' }],
  });
}

/** Booked, unreminded, due by `now`, for a meeting not yet past (a reminder after it is noise). */
export function listDueReminders(db: Db, now: Date, today: LocalDate, take: number) {
  return db.receptionBooking.findMany({
    where: { status: 'booked', remindedAt: null, remindAt: { lte: now }, occursOn: { gte: toDbDate(today) } },
    select: { id: true },
    orderBy: { remindAt: 'asc' },
    take,
  });
}

/** True when this call recorded the reminder (nobody else did meanwhile). */
export async function markReminded(tx: Tx, id: string, remindAt: Date, at: Date): Promise<boolean> {
  const { count } = await tx.receptionBooking.updateMany({
    where: { id, status: 'booked', remindedAt: null, remindAt },
    data: { remindedAt: at },
  });
  return count === 1;
}
