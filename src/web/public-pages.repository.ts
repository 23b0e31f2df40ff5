// The only public-page code that reads the directory: the organisation the home page speaks for.
import type { Db } from '../db/database.js';

export function findOrganizationForHome(db: Db, code: string) {
  return db.organization.findFirst({
    where: { code: { equals: code, mode: 'insensitive' } },
    select: {
      name: true,
      hotlineNumbers: true,
      parent: { select: { name: true, kind: true, hotlineNumbers: true } },
    },
  });
}
