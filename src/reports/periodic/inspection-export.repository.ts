// Pages of an organisation's cases and case events for the inspection export, by id (uuid v7:
// creation order), selecting only the columns the export may carry: no description, answer,
// comment, place, names or sender identity ever leave the database through here.
import type { Db } from '../../db/database.js';

export const EXPORT_PAGE_SIZE = 1000;

export function pageExportCases(
  db: Db,
  input: { organizationId: string; from: Date; to: Date; afterId: string | null },
) {
  return db.case.findMany({
    where: {
      organizationId: input.organizationId,
      receivedAt: { gte: input.from, lt: input.to },
      ...(input.afterId ? { id: { gt: input.afterId } } : {}),
    },
    orderBy: { id: 'asc' },
    take: EXPORT_PAGE_SIZE,
    select: {
      id: true,
      code: true,
      kind: true,
      audience: true,
      channel: true,
      status: true,
      urgency: true,
      category: true,
      identityMode: true,
      outcome: true,
      satisfaction: true,
      forwardCount: true,
      receivedAt: true,
      acceptedAt: true,
      resolvedAt: true,
      closedAt: true,
      paused: true,
      governingClockKind: true,
      governingDueOn: true,
      unit: { select: { code: true } },
      clocks: { select: { kind: true, dueOn: true, originalDueOn: true, status: true, stoppedAt: true } },
    },
  });
}
export type ExportCaseRow = Awaited<ReturnType<typeof pageExportCases>>[number];

export function pageExportEvents(
  db: Db,
  input: { organizationId: string; from: Date; to: Date; afterId: string | null },
) {
  return db.caseEvent.findMany({
    where: {
      case: { organizationId: input.organizationId },
      createdAt: { gte: input.from, lt: input.to },
      ...(input.afterId ? { id: { gt: input.afterId } } : {}),
    },
    orderBy: { id: 'asc' },
    take: EXPORT_PAGE_SIZE,
    select: {
      id: true,
      action: true,
      fromStatus: true,
      toStatus: true,
      actorType: true,
      actorRole: true,
      createdAt: true,
      case: { select: { code: true } },
    },
  });
}
export type ExportEventRow = Awaited<ReturnType<typeof pageExportEvents>>[number];
