// Who may read which organisation's periodic reports: a person holding an organisation-wide role
// that answers for the whole (leader, administrator, receiving office, inspection board), for their
// own organisation and every organisation below it. Figures carry no personal data, but the overdue
// list names case codes and units, which a handler of one unit has no need to see for the others.
import type { Role } from '../../cases/case-vocabulary.js';
import type { StaffPrincipal } from '../../cases/case-permissions.js';

export const REPORT_READER_ROLES = [
  'admin',
  'leader',
  'receiver',
  'inspector',
] as const satisfies readonly Role[];

export function canReadReports(staff: StaffPrincipal): boolean {
  return staff.roles.some(
    (r) => r.unitId === null && (REPORT_READER_ROLES as readonly Role[]).includes(r.role),
  );
}

/** The organisations whose reports the person may read: theirs and those below, in tree order. */
export function readableOrganizations<O extends { id: string; parentId: string | null }>(
  staff: StaffPrincipal,
  all: readonly O[],
): O[] {
  if (!canReadReports(staff)) return [];
  const out: O[] = [];
  const walk = (id: string) => {
    const org = all.find((o) => o.id === id);
    if (!org || out.includes(org)) return;
    out.push(org);
    for (const child of all.filter((o) => o.parentId === id)) walk(child.id);
  };
  walk(staff.organizationId);
  return out;
}
