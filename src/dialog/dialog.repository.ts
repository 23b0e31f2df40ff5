// The reads the dialog needs that no other feature offers: units to pick from, hotline numbers,
// and a case as its sender may see it. Only this file of src/dialog touches Prisma.
import type { Db } from '../db/database.js';

// What a patient is most likely writing about comes first: departments, clinics, stations.
const UNIT_KIND_ORDER = ['department', 'clinic', 'station', 'office', 'board', 'union', 'other'];

export async function listActiveUnitsOfOrganization(db: Db, organizationCode: string) {
  const units = await db.unit.findMany({
    where: { active: true, organization: { code: { equals: organizationCode, mode: 'insensitive' } } },
    select: { code: true, name: true, nameEn: true, kind: true },
    orderBy: { createdAt: 'asc' },
  });
  return units
    .map((u, i) => ({ ...u, i }))
    .sort((a, b) => UNIT_KIND_ORDER.indexOf(a.kind) - UNIT_KIND_ORDER.indexOf(b.kind) || a.i - b.i)
    .map(({ code, name, nameEn }) => ({ code, name, ...(nameEn ? { nameEn } : {}) }));
}

export function listOrganizations(db: Db) {
  return db.organization.findMany({ select: { code: true, name: true }, orderBy: { name: 'asc' } });
}

export function findOrganizationWithParent(db: Db, code: string) {
  return db.organization.findFirst({
    where: { code: { equals: code, mode: 'insensitive' } },
    select: {
      code: true,
      name: true,
      hotlineNumbers: true,
      settings: true,
      parent: { select: { name: true, hotlineNumbers: true } },
    },
  });
}

export async function findRecipientNames(db: Db, organizationId: string, unitId: string | null) {
  const [org, unit] = await Promise.all([
    db.organization.findUnique({ where: { id: organizationId }, select: { name: true, settings: true } }),
    unitId ? db.unit.findUnique({ where: { id: unitId }, select: { name: true } }) : null,
  ]);
  return { organizationName: org?.name ?? '', unitName: unit?.name ?? null };
}

/** A case as tracking shows it: public replies only, the nearest due date of a running clock. */
export function findCaseForTracking(db: Db, code: string) {
  return db.case.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      kind: true,
      status: true,
      satisfaction: true,
      resolvedAt: true,
      duplicateOfId: true,
      followUpSecretHash: true,
      intakeFailureReason: true,
      organizationId: true,
      organization: { select: { name: true, settings: true } },
      unit: { select: { name: true } },
      messages: {
        where: { visibility: 'public', direction: 'outbound' },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true, body: true },
      },
    },
  });
}

export function findCaseIdByCode(db: Db, code: string) {
  return db.case.findUnique({
    where: { code },
    select: { id: true, status: true, resolvedAt: true, organization: { select: { settings: true } } },
  });
}
