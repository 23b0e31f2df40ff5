// The only reception-register code that touches Prisma: the visit, the cases it became, and the
// audit event on each of those cases.
import type { Db } from '../db/database.js';
import { appendCaseEvent } from '../cases/case.repository.js';
import type { ReceptionHandling } from './reception-vocabulary.js';

export function findVisitByKey(db: Db, visitKey: string) {
  return db.receptionVisit.findUnique({
    where: { visitKey },
    include: { cases: { orderBy: { position: 'asc' }, select: { caseId: true } } },
  });
}

export interface NewReceptionVisit {
  organizationId: string;
  visitKey: string;
  visitedAt: Date;
  officerStaffId: string;
  officerRole: string;
  visitorCiphertext: Uint8Array;
  keyId: string;
  summary: string;
  handling: ReceptionHandling;
  petitionReceivedOn: Date | null;
  priorBody: string | null;
  bookingReference: string | null;
  /** The booking the person came with (booked-visit.ts): it gets a `visited` event. */
  booking: { id: string; sessionId: string } | null;
  caseIds: string[];
  at: Date;
}

/**
 * The visit, its cases in order and a `log_reception_visit` event on each case, together or not at
 * all. A visit already written under this key is returned as it is (the same form sent twice).
 */
export async function insertReceptionVisit(
  db: Db,
  v: NewReceptionVisit,
): Promise<{ id: string; created: boolean }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.receptionVisit.findUnique({
      where: { visitKey: v.visitKey },
      select: { id: true },
    });
    if (existing) return { id: existing.id, created: false };
    const visit = await tx.receptionVisit.create({
      data: {
        organizationId: v.organizationId,
        visitKey: v.visitKey,
        visitedAt: v.visitedAt,
        officerStaffId: v.officerStaffId,
        visitorCiphertext: Buffer.from(v.visitorCiphertext),
        keyId: v.keyId,
        summary: v.summary,
        handling: v.handling,
        petitionReceivedOn: v.petitionReceivedOn,
        priorBody: v.priorBody,
        bookingReference: v.bookingReference,
        createdAt: v.at,
        cases: { create: v.caseIds.map((caseId, position) => ({ caseId, position })) },
      },
      select: { id: true },
    });
    if (v.booking) {
      await tx.receptionEvent.create({
        data: {
          sessionId: v.booking.sessionId,
          bookingId: v.booking.id,
          action: 'visited',
          actorType: 'staff',
          actorStaffId: v.officerStaffId,
          data: { visitId: visit.id },
          createdAt: v.at,
        },
      });
    }
    for (const [position, caseId] of v.caseIds.entries()) {
      // Ids and the handling only: the visitor's data stays sealed on the visit.
      await appendCaseEvent(tx, {
        caseId,
        action: 'log_reception_visit',
        actorType: 'staff',
        actorStaffId: v.officerStaffId,
        actorRole: v.officerRole,
        data: { visitId: visit.id, position, of: v.caseIds.length, handling: v.handling },
        at: v.at,
      });
    }
    return { id: visit.id, created: true };
  });
}

/** The organisation's visits received in [from, to), in the order they were received. */
export function listVisitsBetween(db: Db, organizationId: string, from: Date, to: Date) {
  return db.receptionVisit.findMany({
    where: { organizationId, visitedAt: { gte: from, lt: to } },
    orderBy: [{ visitedAt: 'asc' }, { id: 'asc' }],
    include: {
      officer: { select: { fullName: true } },
      cases: {
        orderBy: { position: 'asc' },
        select: {
          caseId: true,
          case: { select: { code: true, kind: true, status: true, governingDueOn: true } },
        },
      },
    },
  });
}
export type StoredReceptionVisit = Awaited<ReturnType<typeof listVisitsBetween>>[number];
