// The only hotline code that touches Prisma: duty shifts, numbers, and the hotline call's event.
import type { Db } from '../db/database.js';
import { appendCaseEvent, findLatestCaseEvent } from '../cases/case.repository.js';

const SHIFT_WITH_STAFF = {
  staff: { select: { id: true, fullName: true, title: true, telegramUserId: true, active: true } },
} as const;

export function insertDutyShift(
  db: Db,
  data: { organizationId: string; staffId: string; startsAt: Date; endsAt: Date; at: Date },
) {
  return db.dutyShift.create({
    data: {
      organizationId: data.organizationId,
      staffId: data.staffId,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      createdAt: data.at,
    },
    include: SHIFT_WITH_STAFF,
  });
}

/** Shifts of the organisation overlapping [from, to), earliest first; shifts are half-open too. */
export function listDutyShiftsBetween(db: Db, organizationId: string, from: Date, to: Date) {
  return db.dutyShift.findMany({
    where: { organizationId, startsAt: { lt: to }, endsAt: { gt: from } },
    include: SHIFT_WITH_STAFF,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  });
}

export function findOverlappingShiftOfStaff(db: Db, staffId: string, from: Date, to: Date) {
  return db.dutyShift.findFirst({ where: { staffId, startsAt: { lt: to }, endsAt: { gt: from } } });
}

export function findDutyShift(db: Db, id: string) {
  return db.dutyShift.findUnique({ where: { id } });
}

export function deleteDutyShift(db: Db, id: string) {
  return db.dutyShift.deleteMany({ where: { id } });
}

export function findOrganizationHotlines(db: Db, organizationId: string) {
  return db.organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      code: true,
      name: true,
      hotlineNumbers: true,
      parent: { select: { id: true, code: true, name: true, hotlineNumbers: true } },
      units: {
        where: { active: true },
        select: { code: true, name: true, hotlineNumbers: true },
        orderBy: { code: 'asc' },
      },
    },
  });
}

/** Who logged a hotline call: once per case, whatever the retries. */
export async function recordHotlineCallLogged(
  db: Db,
  data: { caseId: string; staffId: string; role: string; anonymous: boolean; at: Date },
): Promise<void> {
  await db.$transaction(async (tx) => {
    if (await findLatestCaseEvent(tx, data.caseId, 'log_hotline_call')) return;
    await appendCaseEvent(tx, {
      caseId: data.caseId,
      action: 'log_hotline_call',
      actorType: 'staff',
      actorStaffId: data.staffId,
      actorRole: data.role,
      data: { anonymous: data.anonymous },
      at: data.at,
    });
  });
}
