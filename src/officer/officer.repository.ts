// The only officer-feature code that reads Prisma: what cards, inboxes and notifications need.
import type { Db } from '../db/database.js';
import type { Role } from '../db/generated/enums.js';

/** What a card shows of the case's unit (with its group) and organisation. */
const CARD_UNIT_SELECT = { id: true, code: true, name: true, telegramChatId: true, active: true } as const;
const CARD_ORGANIZATION_SELECT = { id: true, name: true } as const;
const CARD_CASE_COUNTS = { _count: { select: { attachments: true } } } as const;

/** A case with what its card shows: unit (and its group), organisation, the nearest running due date. */
export function findCaseForCard(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    include: {
      unit: { select: CARD_UNIT_SELECT },
      organization: { select: CARD_ORGANIZATION_SELECT },
      ...CARD_CASE_COUNTS,
    },
  });
}

/** findCaseForCard without the unit and organisation, which the card takes from the directory cache. */
export function findCaseRowForCard(db: Db, caseId: string) {
  return db.case.findUnique({ where: { id: caseId }, include: CARD_CASE_COUNTS });
}

export function findUnitForCard(db: Db, unitId: string) {
  return db.unit.findUnique({ where: { id: unitId }, select: CARD_UNIT_SELECT });
}

export function findOrganizationForCard(db: Db, organizationId: string) {
  return db.organization.findUnique({ where: { id: organizationId }, select: CARD_ORGANIZATION_SELECT });
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
