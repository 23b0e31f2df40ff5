// The only console-inbox code that reads Prisma: the ordered keys of a `where` built from
// case-inbox-scope.ts, the rows of a page, the units a filter offers, and the cases changed since a moment
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

/** The first `take` cases of a query in its order: their id and governing due date only. */
export function findConsoleInboxKeys(
  db: Db,
  query: { where: Prisma.CaseWhereInput; orderBy: Prisma.CaseOrderByWithRelationInput[] },
  take: number,
) {
  return db.case.findMany({
    where: query.where,
    orderBy: query.orderBy,
    take,
    select: { id: true, governingDueOn: true },
  });
}

/** The inbox rows of these cases, in no particular order. */
export function findConsoleInboxRows(db: Db, ids: string[]) {
  return db.case.findMany({ where: { id: { in: ids } }, select: ROW });
}

/** The inbox row of the case with this code, if the `where` lets it through. */
export function findConsoleInboxRowByCode(db: Db, code: string, where: Prisma.CaseWhereInput) {
  return db.case.findMany({ where: { AND: [{ code }, where] }, select: ROW, take: 1 });
}

export type ConsoleInboxRow = Awaited<ReturnType<typeof findConsoleInboxRows>>[number];

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
