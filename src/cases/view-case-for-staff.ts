// What an officer sees when they open a case (a command, a button, the dashboard): the redacted
// case, the role they see it in, and the moves they could make now. Refused out of scope.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { findCaseIdByCode } from './case.repository.js';
import {
  authorizeCaseView,
  availableStaffActions,
  type CaseReachKind,
  type CaseScope,
} from './case-permissions.js';
import { loadCaseWithScope } from './case-scope.service.js';
import type { CaseAction } from './case-transitions.js';
import type { Role } from './case-vocabulary.js';
import { redactedCaseView, type RedactedCaseView } from './redacted-case-view.js';
import { parseTrackingCode } from './tracking-code.js';

export interface StaffCaseView {
  view: RedactedCaseView;
  /** The role the case is seen in (the least powerful that reaches it). */
  role: Role;
  /** How it is reached: an `oversight` role reads the case and works nothing (reachActs). */
  reach: CaseReachKind;
  /** Buttons to offer; each still goes through applyStaffCaseAction. */
  actions: CaseAction[];
  scope: CaseScope;
}

/** Resolves a tracking code typed by an officer to the case id (AppError when unknown). */
export async function caseIdFromCode(ctx: Pick<AppContext, 'db'>, rawCode: string): Promise<string> {
  const parsed = parseTrackingCode(rawCode);
  if (!parsed.ok) throw new AppError('malformed_code', parsed.message, { reason: parsed.reason });
  const found = await findCaseIdByCode(ctx.db.prisma, parsed.code);
  if (!found) throw new AppError('not_found', `Không tìm thấy hồ sơ có mã ${parsed.code}.`);
  return found.id;
}

export async function viewCaseForStaff(
  ctx: Pick<AppContext, 'db'>,
  input: { staffId: string; caseId: string },
): Promise<StaffCaseView> {
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: subject, scope } = await loadCaseWithScope(ctx, input.caseId);
  const auth = authorizeCaseView(staff, scope);
  if (!auth.ok) throw new AppError('forbidden', auth.message, { reason: auth.code });
  return {
    view: redactedCaseView(subject),
    role: auth.role,
    reach: auth.reach,
    actions: availableStaffActions(staff, scope, subject),
    scope,
  };
}
