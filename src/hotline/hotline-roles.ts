// Who does what on the hotline. Pure, so the officer command registry (help, menus) names the same
// roles the services check.
import type { Role } from '../cases/case-vocabulary.js';

/** Roles that may log a call, the hotline officer first (that is the role recorded). */
export const HOTLINE_CALL_LOGGING_ROLES = [
  'hotline',
  'receiver',
  'leader',
] as const satisfies readonly Role[];

/** Only a hotline officer is put on the duty roster (and may take a shift themself). */
export const DUTY_OFFICER_ROLE = 'hotline' satisfies Role;

/** Who arranges the roster for others: held organisation-wide. */
export const ROSTER_MANAGER_ROLES = ['admin', 'leader'] as const satisfies readonly Role[];
