// The only officer-feature code that reads Prisma: what cards, inboxes and notifications need.
import type { Db } from '../db/database.js';
import type { Role } from '../db/generated/enums.js';

/** A case with what its card shows: unit (and its group), organisation, the nearest running due date. */
export function findCaseForCard(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    include: {
      unit: { select: { id: true, code: true, name: true, telegramChatId: true, active: true } },
      organization: { select: { id: true, name: true } },
      _count: { select: { attachments: true } },
    },
  });
}

/** findCaseForCard without the unit and organisation, which the card takes from the directory cache. */
export function findCaseRowForCard(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    include: { _count: { select: { attachments: true } } },
  });
}

export function findUnitForCard(db: Db, unitId: string) {
  return db.unit.findUnique({
    where: { id: unitId },
    select: { id: true, code: true, name: true, telegramChatId: true, active: true },
  });
}

export function findOrganizationForCard(db: Db, organizationId: string) {
  return db.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true } });
}

/** Active staff holding `role` (org-wide when unitId is null, else for that unit) with Telegram bound. */
export function listStaffWithTelegram(
  db: Db,
  input: { organizationId: string; role: Role; unitId: string | null },
) {
  return db.staff.findMany({
    where: {
      organizationId: input.organizationId,
      active: true,
      telegramUserId: { not: null },
      roles: { some: { role: input.role, unitId: input.unitId } },
    },
    select: { id: true, telegramUserId: true },
    orderBy: { id: 'asc' },
  });
}
