import type { Db } from '../db/database.js';
import { countOrganizations, upsertOrganizationWithUnits } from './directory.repository.js';
import { SAMPLE_ORGANIZATIONS } from './sample-directory.js';

export async function seedSampleDirectory(db: Db): Promise<{ organizations: number; units: number }> {
  // Parents first, so the tree links resolve.
  const ordered = [...SAMPLE_ORGANIZATIONS].sort((a, b) => Number(!!a.parentCode) - Number(!!b.parentCode));
  for (const org of ordered) await upsertOrganizationWithUnits(db, org);
  return {
    organizations: SAMPLE_ORGANIZATIONS.length,
    units: SAMPLE_ORGANIZATIONS.reduce((n, o) => n + o.units.length, 0),
  };
}

export async function isDirectoryEmpty(db: Db): Promise<boolean> {
  return (await countOrganizations(db)) === 0;
}
