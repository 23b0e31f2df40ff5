// The only console-inbox code that reads Prisma: a page of inbox rows for a `where` built from
// case-inbox-scope.ts, its count, the units a filter offers, and the cases changed since a moment
// (the live feed).
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../db/generated/client.js';

const ROW = {
  id: true,
  code: true,
  kind: true,
  channel: true,
  status: true,
  urgency: true,
  paused: true,
  assigneeId: true,
  governingDueOn: true,
  receivedAt: true,
  intakeFailureReason: true,
  unit: { select: { code: true, name: true } },
} as const;

export function findConsoleInboxRows(
  db: Db,
  query: { where: Prisma.CaseWhereInput; orderBy: Prisma.CaseOrderByWithRelationInput[] },
  take: number,
) {
  return db.case.findMany({ where: query.where, orderBy: query.orderBy, take, select: ROW });
}

export type ConsoleInboxRow = Awaited<ReturnType<typeof findConsoleInboxRows>>[number];

export function countConsoleInboxRows(db: Db, where: Prisma.CaseWhereInput) {
  return db.case.count({ where });
}

export function listUnitsOfOrganization(db: Db, organizationId: string) {
  return db.unit.findMany({
    where: { organizationId, active: true },
    orderBy: { name: 'asc' },
    select: { id: true, code: true, name: true },
  });
}

/** Cases changed after `since` (updatedAt, which every Prisma write of a case sets), oldest first. */
export function findCasesChangedSince(db: Db, since: Date, take: number) {
  return db.case.findMany({
    where: { updatedAt: { gt: since } },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
    take,
    select: { id: true, code: true, createdAt: true, updatedAt: true },
  });
}

/** Which of these case ids the `where` (a visibility rule) lets through. */
export async function filterVisibleCaseIds(db: Db, ids: string[], where: Prisma.CaseWhereInput) {
  const rows = await db.case.findMany({ where: { AND: [{ id: { in: ids } }, where] }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
