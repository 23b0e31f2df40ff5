// The only directory code that reads and writes organisations and units.
import type { Db } from '../db/database.js';
import type { OrganizationKind, UnitKind } from '../db/generated/enums.js';
import type { SampleOrganization } from './sample-directory.js';
import { changingDirectory } from './directory-cache.js';

export function countOrganizations(db: Db): Promise<number> {
  return db.organization.count();
}

/** Idempotent: running the seed twice changes nothing. */
export function upsertOrganizationWithUnits(db: Db, org: SampleOrganization): Promise<void> {
  return changingDirectory(db, upsertOrganizationWithUnitsNow(db, org));
}

async function upsertOrganizationWithUnitsNow(db: Db, org: SampleOrganization): Promise<void> {
  const parent = org.parentCode
    ? await db.organization.findUnique({ where: { code: org.parentCode } })
    : null;
  const saved = await db.organization.upsert({
    where: { code: org.code },
    create: {
      code: org.code,
      name: org.name,
      kind: org.kind,
      place: org.place,
      hotlineNumbers: org.hotlineNumbers,
      parentId: parent?.id ?? null,
    },
    update: { name: org.name, kind: org.kind, place: org.place, parentId: parent?.id ?? null },
  });
  for (const unit of org.units) {
    await db.unit.upsert({
      where: { code: unit.code },
      create: { ...unit, organizationId: saved.id, hotlineNumbers: [] },
      update: { name: unit.name, nameEn: unit.nameEn ?? null, kind: unit.kind },
    });
  }
  // The sample schedules are added once: an administrator's later changes stay.
  if (org.reportSchedules?.length) {
    await db.reportDefinition.createMany({
      data: org.reportSchedules.map((r) => ({
        organizationId: saved.id,
        code: r.code,
        title: r.title,
        periodKind: r.periodKind,
        dueMonths: [...r.dueMonths],
        dueDay: r.dueDay,
        draftWorkingDaysBefore: r.draftWorkingDaysBefore,
        recipients: r.recipients,
      })),
      skipDuplicates: true,
    });
  }
}

/** Codes are compared without regard to case: people type them. */
export function findOrganizationByCode(db: Db, code: string) {
  return db.organization.findFirst({ where: { code: { equals: code, mode: 'insensitive' } } });
}

export function findOrganizationById(db: Db, id: string) {
  return db.organization.findUnique({ where: { id } });
}

export function insertOrganization(
  db: Db,
  data: {
    code: string;
    name: string;
    kind: OrganizationKind;
    parentId: string | null;
    place: string | null;
    hotlineNumbers: string[];
  },
) {
  return changingDirectory(db, db.organization.create({ data }));
}

export function updateOrganizationRow(
  db: Db,
  id: string,
  data: { name?: string; place?: string | null; hotlineNumbers?: string[]; settings?: object },
) {
  return changingDirectory(db, db.organization.update({ where: { id }, data }));
}

/** Any unit with that code, active or not: codes are unique across the installation. */
export function findUnitByCode(db: Db, code: string) {
  return db.unit.findFirst({
    where: { code: { equals: code, mode: 'insensitive' } },
    include: { organization: { select: { id: true, code: true, name: true } } },
  });
}

export function findUnitsByIds(db: Db, ids: string[]) {
  return db.unit.findMany({ where: { id: { in: ids } } });
}

export function insertUnit(
  db: Db,
  data: {
    organizationId: string;
    code: string;
    name: string;
    nameEn?: string;
    kind: UnitKind;
    hotlineNumbers: string[];
  },
) {
  return changingDirectory(db, db.unit.create({ data }));
}

export function findUnitByTelegramChatId(db: Db, chatId: string) {
  return db.unit.findUnique({
    where: { telegramChatId: chatId },
    include: { organization: { select: { id: true, code: true, name: true } } },
  });
}

export function setUnitTelegramChat(db: Db, unitId: string, chatId: string | null) {
  return changingDirectory(db, db.unit.update({ where: { id: unitId }, data: { telegramChatId: chatId } }));
}

/** Every organisation with its units and staff (roles included): the administrator's listing. */
export function listDirectory(db: Db) {
  return db.organization.findMany({
    orderBy: { code: 'asc' },
    include: {
      units: { orderBy: { code: 'asc' } },
      staff: {
        orderBy: { fullName: 'asc' },
        include: { roles: { include: { unit: { select: { code: true } } } } },
      },
    },
  });
}
