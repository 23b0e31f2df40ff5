// The only officer-feature code that reads Prisma: what cards, inboxes and notifications need.
import type { Db } from '../db/database.js';
import type { CaseStatus, Role } from '../db/generated/enums.js';

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

export function findChildOrganizationIds(db: Db, organizationId: string) {
  return db.organization.findMany({ where: { parentId: organizationId }, select: { id: true } });
}

/** Cases for an inbox, newest first, with the routing decision in force (for the scope check). */
export function listInboxCases(
  db: Db,
  input: { organizationIds: string[]; statuses: CaseStatus[] | null; unitId: string | null; take: number },
) {
  return db.case.findMany({
    where: {
      organizationId: { in: input.organizationIds },
      ...(input.statuses ? { status: { in: input.statuses } } : {}),
      ...(input.unitId ? { unitId: input.unitId } : {}),
    },
    include: {
      unit: { select: { code: true, name: true } },
      events: { where: { action: 'route' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 },
    },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: input.take,
  });
}
