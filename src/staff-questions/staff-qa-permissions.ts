// Who does what with staff questions, stated once (the officer commands, the CLI and the services
// read these). The organising board of the staff conference is not a role of its own: the
// receiving office, the leaders and the administrator already run the staff-feedback channel, so
// they open collections, group duplicates, assign and publish. A group is answered by the leader
// it is assigned to (a leader may also take a group by answering an unassigned one).
import type { Role } from '../cases/case-vocabulary.js';
import type { StaffPrincipal } from '../cases/case-permissions.js';

export const STAFF_QA_ORGANISER_ROLES: readonly Role[] = ['admin', 'receiver', 'leader'];
/** Who may be assigned a group and answer it. */
export const STAFF_QA_ANSWERER_ROLES: readonly Role[] = ['leader'];

const holds = (staff: StaffPrincipal, roles: readonly Role[]) =>
  staff.roles.some((grant) => roles.includes(grant.role));

export const mayOrganiseStaffQa = (staff: StaffPrincipal): boolean => holds(staff, STAFF_QA_ORGANISER_ROLES);

export const mayAnswerStaffQa = (staff: StaffPrincipal): boolean => holds(staff, STAFF_QA_ANSWERER_ROLES);

/** The assignee answers; an unassigned group may be answered by any leader (who then holds it). */
export function mayAnswerGroup(staff: StaffPrincipal, assigneeId: string | null): boolean {
  if (!mayAnswerStaffQa(staff)) return false;
  return assigneeId === null || assigneeId === staff.id;
}
