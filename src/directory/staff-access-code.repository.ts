// The only code that reads and writes staff access codes.
import type { Db } from '../db/database.js';

export function findOrganizationById(db: Db, id: string) {
  return db.organization.findUnique({ where: { id } });
}

/** Revokes every code of the organisation still in force and records the new one, atomically. */
export function replaceStaffAccessCode(db: Db, organizationId: string, codeHash: string, at: Date) {
  return db.$transaction(async (tx) => {
    await tx.staffAccessCode.updateMany({
      where: { organizationId, revokedAt: null },
      data: { revokedAt: at },
    });
    return tx.staffAccessCode.create({ data: { organizationId, codeHash, createdAt: at } });
  });
}

export function findActiveStaffAccessCode(db: Db, codeHash: string) {
  return db.staffAccessCode.findFirst({
    where: { codeHash, revokedAt: null },
    include: { organization: { select: { id: true, code: true, name: true } } },
  });
}
