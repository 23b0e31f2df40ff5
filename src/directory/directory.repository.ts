import type { Db } from '../db/database.js';
import type { SampleOrganization } from './sample-directory.js';

export function countOrganizations(db: Db): Promise<number> {
  return db.organization.count();
}

/** Idempotent: running the seed twice changes nothing. */
export async function upsertOrganizationWithUnits(db: Db, org: SampleOrganization): Promise<void> {
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
      update: { name: unit.name, kind: unit.kind },
    });
  }
}
