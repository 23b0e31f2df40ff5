// The door for officers (bot commands, buttons, dashboard): checks that the case is in the staff
// member's scope and which of their roles applies, then applies the action through the lifecycle
// service, which records that role in the audit event.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { findStaff, loadActiveStaff } from '../directory/resolve-staff.js';
import { applyCaseAction, type ApplyCaseActionResult } from './case-lifecycle.service.js';
import {
  authorizeAssignTarget,
  authorizeCaseAction,
  canViewCase,
  type CaseAuthorization,
} from './case-permissions.js';
import { loadCaseWithScope } from './case-scope.service.js';
import type { CaseAction, TransitionParams } from './case-transitions.js';
import type { Role } from './case-vocabulary.js';

export interface StaffCaseActionInput {
  caseId: string;
  staffId: string;
  action: CaseAction;
  params?: TransitionParams;
}

export interface StaffCaseActionResult extends ApplyCaseActionResult {
  /** The role the action was taken in (recorded in the audit event). */
  role: Role;
}

/** Throws AppError 'forbidden' (details.reason = the refusal code) when the staff member may not. */
export async function applyStaffCaseAction(
  ctx: AppContext,
  input: StaffCaseActionInput,
): Promise<StaffCaseActionResult> {
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: subject, scope } = await loadCaseWithScope(ctx, input.caseId);
  const auth: CaseAuthorization = authorizeCaseAction(staff, scope, input.action, subject.kind);
  if (!auth.ok) throw new AppError('forbidden', auth.message, { reason: auth.code });

  const params = input.params ?? {};
  if (input.action === 'assign') {
    const assignee = params.assigneeId ? await findStaff(ctx, params.assigneeId) : null;
    if (params.assigneeId && (!assignee || !assignee.active)) {
      throw new AppError('unprocessable', 'Không tìm thấy cán bộ được giao.');
    }
    const target = authorizeAssignTarget(auth.role, scope, { unitId: params.unitId ?? null, assignee });
    if (!target.ok) throw new AppError('forbidden', target.message, { reason: 'assign_target' });
  }

  if (input.action === 'merge' && params.masterCaseId) {
    // The master case must be one this person may see too: merging is not a way to peek.
    const master = await loadCaseWithScope(ctx, params.masterCaseId);
    if (!canViewCase(staff, master.scope)) {
      throw new AppError('forbidden', 'Hồ sơ chính để gộp không thuộc phạm vi của bạn.', {
        reason: 'out_of_scope',
      });
    }
  }

  const result = await applyCaseAction(ctx, {
    caseId: input.caseId,
    action: input.action,
    actor: { type: 'staff', staffId: staff.id, role: auth.role },
    params,
  });
  return { ...result, role: auth.role };
}
