// The only inbox code that reads Prisma: a page of cases for a query built by case-inbox-scope.ts,
// and how many cases the query matches.
import type { Db } from '../db/database.js';
import type { InboxQuery } from './case-inbox-scope.js';

/** One page in the query's order, with what an inbox line shows. */
export function findInboxCases(db: Db, query: InboxQuery, page: { take: number; skip?: number }) {
  return db.case.findMany({
    where: query.where,
    orderBy: query.orderBy,
    take: page.take,
    ...(page.skip ? { skip: page.skip } : {}),
    select: {
      id: true,
      code: true,
      kind: true,
      status: true,
      urgency: true,
      paused: true,
      assigneeId: true,
      governingDueOn: true,
      intakeFailureReason: true,
      unit: { select: { code: true, name: true } },
    },
  });
}

export type InboxCaseRow = Awaited<ReturnType<typeof findInboxCases>>[number];

export function countInboxCases(db: Db, query: InboxQuery) {
  return db.case.count({ where: query.where });
}
