// Who does what with a periodic report, stated once: the bot's command registry and the services
// read these.
import type { StaffPrincipal } from '../../cases/case-permissions.js';
import type { Role } from '../../cases/case-vocabulary.js';

/** Who signs a periodic report: the organisation's leaders (org-wide role), as the head signs a letter. */
export const REPORT_SIGNING_ROLES = ['leader'] as const satisfies readonly Role[];
/** Who may list the organisation's periodic reports in the bot. */
export const REPORT_VIEW_ROLES = ['leader', 'admin'] as const satisfies readonly Role[];

/**
 * May `staff` sign `organizationId`'s periodic reports: a REPORT_SIGNING_ROLES role held
 * organisation-wide in that very organisation (a managing body's leader does not sign for the
 * organisations below it). The bot's /kybaocao, the console's button and the service read this.
 */
export function maySignReportsOf(staff: StaffPrincipal, organizationId: string): boolean {
  return (
    staff.organizationId === organizationId &&
    staff.roles.some((r) => (REPORT_SIGNING_ROLES as readonly Role[]).includes(r.role) && r.unitId === null)
  );
}
