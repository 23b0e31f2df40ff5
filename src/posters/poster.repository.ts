// The only poster code that reads the database: a unit with what its poster prints.
import type { Db } from '../db/database.js';

const HOTLINE_OWNER = { select: { code: true, name: true, kind: true, hotlineNumbers: true } } as const;

/** Unit codes are compared without regard to case: people type them from a wall. */
export function findUnitForPoster(db: Db, unitCode: string) {
  return db.unit.findFirst({
    where: { code: { equals: unitCode, mode: 'insensitive' }, active: true },
    select: {
      code: true,
      name: true,
      hotlineNumbers: true,
      organization: { select: { id: true, ...HOTLINE_OWNER.select, parent: HOTLINE_OWNER } },
    },
  });
}

export function findOrganizationWithActiveUnits(db: Db, orgCode: string) {
  return db.organization.findFirst({
    where: { code: { equals: orgCode, mode: 'insensitive' } },
    select: {
      code: true,
      name: true,
      units: { where: { active: true }, select: { code: true, name: true }, orderBy: { code: 'asc' } },
    },
  });
}
