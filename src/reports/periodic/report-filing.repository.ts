// The only code that touches report definitions and filings. Every step of a filing is a
// conditional update (status or key still empty), so a retry or a second press changes nothing.
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../db/generated/client.js';

export type Tx = Prisma.TransactionClient;

const organizationFields = {
  id: true,
  code: true,
  name: true,
  kind: true,
  parentId: true,
  settings: true,
} as const;

export function listActiveDefinitions(db: Db) {
  return db.reportDefinition.findMany({
    where: { active: true },
    include: { organization: { select: organizationFields } },
    orderBy: [{ organizationId: 'asc' }, { code: 'asc' }],
  });
}
export type DefinitionRow = Awaited<ReturnType<typeof listActiveDefinitions>>[number];

export function listDefinitionsOf(db: Db, organizationId: string) {
  return db.reportDefinition.findMany({ where: { organizationId }, orderBy: { code: 'asc' } });
}

export function findDefinition(db: Db, organizationId: string, code: string) {
  return db.reportDefinition.findUnique({ where: { organizationId_code: { organizationId, code } } });
}

/** Creates or replaces the organisation's definition of that code. */
export function upsertDefinition(
  db: Db,
  data: Omit<Prisma.ReportDefinitionUncheckedCreateInput, 'id' | 'createdAt' | 'updatedAt'>,
) {
  const { organizationId, code, ...rest } = data;
  return db.reportDefinition.upsert({
    where: { organizationId_code: { organizationId, code } },
    create: data,
    update: { ...rest, active: true },
  });
}

/** A definition with filings is kept (their history points to it) and switched off. */
export async function removeDefinition(db: Db, id: string): Promise<'deleted' | 'deactivated'> {
  const filings = await db.periodicReportFiling.count({ where: { definitionId: id } });
  if (filings === 0) {
    await db.reportDefinition.delete({ where: { id } });
    return 'deleted';
  }
  await db.reportDefinition.update({ where: { id }, data: { active: false } });
  return 'deactivated';
}

/** Inserts the filing unless the definition already has one for the period; true when this call made it. */
export async function insertFilingOnce(
  db: Db,
  data: Pick<
    Prisma.PeriodicReportFilingUncheckedCreateInput,
    'ref' | 'definitionId' | 'organizationId' | 'periodCode' | 'periodFrom' | 'periodTo' | 'dueOn' | 'events'
  >,
): Promise<boolean> {
  const { count } = await db.periodicReportFiling.createMany({ data: [data], skipDuplicates: true });
  return count === 1;
}

const filingInclude = {
  definition: { select: { id: true, code: true, title: true, periodKind: true, recipients: true } },
  organization: { select: organizationFields },
} as const;

export function findFilingOfPeriod(db: Db, definitionId: string, periodCode: string) {
  return db.periodicReportFiling.findUnique({
    where: { definitionId_periodCode: { definitionId, periodCode } },
    include: filingInclude,
  });
}

export function findFilingByRef(db: Db, ref: string) {
  return db.periodicReportFiling.findUnique({ where: { ref }, include: filingInclude });
}
export type FilingRow = NonNullable<Awaited<ReturnType<typeof findFilingByRef>>>;

export function listRecentFilings(db: Db, organizationIds: readonly string[], take: number) {
  return db.periodicReportFiling.findMany({
    where: { organizationId: { in: [...organizationIds] } },
    include: filingInclude,
    orderBy: [{ dueOn: 'desc' }, { id: 'desc' }],
    take,
  });
}

/** Not filed and due on or before `day`: candidates for escalation. */
export function listUnfiledDueBy(db: Db, day: Date) {
  return db.periodicReportFiling.findMany({
    where: { status: { not: 'filed' }, dueOn: { lte: day } },
    include: filingInclude,
    orderBy: { dueOn: 'asc' },
  });
}

/** Draft files not yet made (the render failed or the process stopped before it). */
export function listDraftsWithoutFile(db: Db) {
  return db.periodicReportFiling.findMany({
    where: { status: 'draft', draftFileKey: null },
    include: filingInclude,
  });
}

export interface FilingEvent {
  action: 'report_draft' | 'report_sign' | 'report_store' | 'report_file' | 'report_escalate';
  at: string;
  staffId?: string;
  data?: Record<string, string | number>;
}

async function appendEvent(tx: Tx, id: string, event: FilingEvent): Promise<void> {
  const row = await tx.periodicReportFiling.findUniqueOrThrow({ where: { id }, select: { events: true } });
  const events = Array.isArray(row.events) ? row.events : [];
  await tx.periodicReportFiling.update({
    where: { id },
    data: { events: [...events, event] as unknown as Prisma.InputJsonValue },
  });
}

/**
 * Applies a conditional change and, only when it changed a row, appends its event, in the caller's
 * transaction: a step run twice is recorded once.
 */
export async function changeFilingOnce(
  tx: Tx,
  id: string,
  where: Prisma.PeriodicReportFilingWhereInput,
  data: Prisma.PeriodicReportFilingUncheckedUpdateManyInput,
  event: FilingEvent,
): Promise<boolean> {
  const { count } = await tx.periodicReportFiling.updateMany({ where: { ...where, id }, data });
  if (count === 0) return false;
  await appendEvent(tx, id, event);
  return true;
}

export function listOrgLeadersWithTelegram(db: Db, organizationId: string) {
  return db.staff.findMany({
    where: {
      organizationId,
      active: true,
      telegramUserId: { not: null },
      roles: { some: { role: 'leader', unitId: null } },
    },
    select: { id: true, fullName: true, telegramUserId: true },
    orderBy: { id: 'asc' },
  });
}

export function listOrgStaffWithRole(
  db: Db,
  organizationId: string,
  role: Prisma.StaffRoleWhereInput['role'],
) {
  return db.staff.findMany({
    where: { organizationId, active: true, telegramUserId: { not: null }, roles: { some: { role } } },
    select: { id: true, telegramUserId: true },
    orderBy: { id: 'asc' },
  });
}

export function findUnitGroupByCode(db: Db, code: string) {
  return db.unit.findUnique({ where: { code }, select: { id: true, active: true, telegramChatId: true } });
}

export function findOrganizationIdByCode(db: Db, code: string) {
  return db.organization.findUnique({ where: { code }, select: { id: true, name: true } });
}
