// The only routing code that touches Prisma.
import type { Db } from '../db/database.js';
import { Prisma } from '../db/generated/client.js';
import { queryRows } from '../db/raw-sql.js';
import { utcTimestamp } from '../db/utc-timestamp.js';
import type { CaseKind } from '../db/generated/enums.js';
import { caseEventInsert, newCaseEventId } from '../cases/case.repository.js';
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
 * The case columns a routing decision sets: its competence referral, and the urgent flag when the
 * words called for it. recordRouting writes them; a caller holding the case applies the same.
 */
export function routingColumnsOf(r: Pick<RoutingRecord, 'route' | 'urgentKeywords'>) {
  return {
    ...competenceColumnsOf(r.route.data),
    ...(r.urgentKeywords ? { urgency: 'urgent' as const } : {}),
  };
}

/**
 * Writes a routing decision (and the urgent flag) with their audit events, guarded by the case's
 * version (and, with `requireReceived`, its status): one statement, so atomic with no transaction
 * (decision 0093). Returns the case's new version and update time, or null when the case changed
 * meanwhile: then nothing is written.
 * The only writer of `route` events: it also copies the decision's competence referral onto the
 * case row, in the same statement, so inbox queries can check the permission scope in SQL.
 * Neither event is one the event feeds report (no status changes), so none has feed rows.
 */
export async function recordRouting(
  db: Db,
  r: RoutingRecord,
): Promise<{ version: number; updatedAt: Date } | null> {
  const columns = routingColumnsOf(r);
  const byStaff = !!r.route.actorStaffId;
  const onlyIfWritten = Prisma.sql`WHERE EXISTS (SELECT 1 FROM written)`;
  const route = caseEventInsert(
    newCaseEventId(),
    {
      caseId: r.caseId,
      action: 'route',
      actorType: byStaff ? 'staff' : 'system',
      actorStaffId: r.route.actorStaffId ?? null,
      actorRole: r.route.actorRole ?? (byStaff ? null : 'system'),
      reason: r.route.reason ?? null,
      data: r.route.data,
      at: r.at,
    },
    onlyIfWritten,
  );
  const urgent = r.urgentKeywords
    ? Prisma.sql`, urgent AS (${caseEventInsert(
        newCaseEventId(),
        {
          caseId: r.caseId,
          action: 'mark_urgent',
          actorType: 'system',
          actorRole: 'system',
          data: { keywords: r.urgentKeywords, source: 'routing' },
          at: r.at,
        },
        onlyIfWritten,
      )})`
    : Prisma.empty;
  // updatedAt is the instant of the write, as Prisma's @updatedAt sets it (the console's live feed
  // reads it), not the app's clock.
  const [row] = await queryRows<{ version: number; updatedAt: Date }>(
    db,
    Prisma.sql`
    WITH written AS (
      UPDATE "cases" SET
        "accusedUnitId" = ${columns.accusedUnitId}::uuid,
        "competenceLevel" = ${columns.competenceLevel}::"CompetenceLevel",
        "referredToOrganizationId" = ${columns.referredToOrganizationId}::uuid,
        "urgency" = coalesce(${columns.urgency ?? null}::"Urgency", "urgency"),
        "version" = "version" + 1,
        "updatedAt" = ${utcTimestamp(new Date())}
      WHERE "id" = ${r.caseId}::uuid AND "version" = ${r.version}::int
        AND (NOT ${r.requireReceived} OR "status" = 'received')
      RETURNING "version", "updatedAt"
    ),
    route AS (${route})${urgent}
    SELECT "version", "updatedAt" FROM written`,
  );
  return row ?? null;
}
