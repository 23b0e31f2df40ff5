// The only routing code that touches Prisma.
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';
import type { CaseKind } from '../db/generated/enums.js';
import { appendCaseEvent, updateCaseAtVersion } from '../cases/case.repository.js';
import { competenceColumnsOf } from '../cases/case-scope.js';
import { changingDirectory } from '../directory/directory-cache.js';

export function findCaseForRouting(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      organizationId: true,
      unitId: true,
      kind: true,
      status: true,
      category: true,
      description: true,
      place: true,
      involved: true,
      urgency: true,
      version: true,
      intakeFailureReason: true,
    },
  });
}

export function findOrganizationForRouting(db: Db, organizationId: string) {
  return db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, parentId: true, settings: true },
  });
}

export function listUnitsOfOrganization(db: Db, organizationId: string) {
  return db.unit.findMany({
    where: { organizationId },
    select: { id: true, code: true, name: true, active: true },
    orderBy: { code: 'asc' },
  });
}

export function listRoutingRules(db: Db, organizationId: string) {
  return db.routingRule.findMany({
    where: { organizationId },
    include: { unit: { select: { code: true, name: true } } },
    orderBy: [{ priority: 'asc' }, { id: 'asc' }],
  });
}

export function findRoutingRule(db: Db, id: string) {
  return db.routingRule.findUnique({ where: { id } });
}

export function insertRoutingRule(
  db: Db,
  data: {
    organizationId: string;
    unitId: string;
    priority: number;
    kind: CaseKind | null;
    category: string | null;
    keywords: string[];
  },
) {
  return changingDirectory(db, db.routingRule.create({ data }));
}

export function setRoutingRuleActive(db: Db, id: string, active: boolean) {
  return changingDirectory(db, db.routingRule.updateMany({ where: { id }, data: { active } }));
}

export interface RoutingRecord {
  caseId: string;
  /** The version read before deciding: a case changed meanwhile is not routed twice. */
  version: number;
  /** Only a case still waiting in `received` is routed automatically. */
  requireReceived: boolean;
  route: { data: Prisma.InputJsonValue; actorStaffId?: string; actorRole?: string; reason?: string | null };
  /** Keywords that made the case urgent, when it was not urgent yet. */
  urgentKeywords: string[] | null;
  at: Date;
}

/**
 * Writes a routing decision (and the urgent flag) with their audit events in one transaction,
 * guarded by the case's version. Returns false when the case changed meanwhile: nothing written.
 */
export async function recordRouting(db: Db, r: RoutingRecord): Promise<boolean> {
  return (await recordRoutingReturningCase(db, r)) !== null;
}

/**
 * recordRouting, returning the case as written (null when nothing was), for a caller that moves
 * the case next without reading it again.
 * The only writer of `route` events: it also copies the decision's competence referral onto the
 * case row, in the same statement, so inbox queries can check the permission scope in SQL.
 */
export function recordRoutingReturningCase(db: Db, r: RoutingRecord) {
  return db.$transaction(async (tx) => {
    const written = await updateCaseAtVersion(
      tx,
      r.caseId,
      r.version,
      {
        ...competenceColumnsOf(r.route.data),
        ...(r.urgentKeywords ? { urgency: 'urgent' as const } : {}),
      },
      r.requireReceived ? 'received' : undefined,
    );
    if (!written) return null;
    const byStaff = !!r.route.actorStaffId;
    await appendCaseEvent(tx, {
      caseId: r.caseId,
      action: 'route',
      actorType: byStaff ? 'staff' : 'system',
      actorStaffId: r.route.actorStaffId ?? null,
      actorRole: r.route.actorRole ?? (byStaff ? null : 'system'),
      reason: r.route.reason ?? null,
      data: r.route.data,
      at: r.at,
    });
    if (r.urgentKeywords) {
      await appendCaseEvent(tx, {
        caseId: r.caseId,
        action: 'mark_urgent',
        actorType: 'system',
        actorRole: 'system',
        data: { keywords: r.urgentKeywords, source: 'routing' },
        at: r.at,
      });
    }
    return written;
  });
}
