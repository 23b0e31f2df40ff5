// Who does what with a periodic report, stated once: the bot's command registry and the services
// read these.
import type { Role } from '../../cases/case-vocabulary.js';

/** Who signs a periodic report: the organisation's leaders (org-wide role), as the head signs a letter. */
export const REPORT_SIGNING_ROLES = ['leader'] as const satisfies readonly Role[];
/** Who may list the organisation's periodic reports in the bot. */
export const REPORT_VIEW_ROLES = ['leader', 'admin'] as const satisfies readonly Role[];
