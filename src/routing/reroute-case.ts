// An officer corrects the routing decision in force: sends the case to a unit, back to the inbox,
// or refers it by competence (to the organisation's leadership, or to the managing body) when the
// automatic rules missed or wrongly found it. The new decision is a `route` event with the
// officer's reason; the latest one is what permission checks read. Receivers and leaders who reach
// the case may do it, on an open case.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import type { Prisma } from '../db/generated/client.js';
import { applyCaseAction, type ApplyCaseActionResult } from '../cases/case-lifecycle.service.js';
import { applicableRoles } from '../cases/case-permissions.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import type { CompetenceReferral, RouteEventData } from '../cases/case-scope.js';
import { isOpenStatus, type Role } from '../cases/case-vocabulary.js';
import { findUnitByCode } from '../directory/directory.repository.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { findOrganizationForRouting, recordRouting } from './routing.repository.js';
import { cleanFreeText } from '../core/free-text.js';

export type RerouteTarget =
  | { type: 'unit'; unitCode: string }
  | { type: 'inbox' }
  | { type: 'competence'; level: 'organization'; accusedUnitCode?: string }
  | { type: 'competence'; level: 'managing_body' };

export interface RerouteCaseInput {
  caseId: string;
  staffId: string;
  target: RerouteTarget;
  reason: string;
}

export interface RerouteCaseResult {
  decision: RouteEventData;
  role: Role;
  assignment: ApplyCaseActionResult | null;
}

const REROUTING_ROLES: readonly Role[] = ['receiver', 'leader'];

export async function rerouteCase(ctx: AppContext, input: RerouteCaseInput): Promise<RerouteCaseResult> {
  const reason = cleanFreeText(input.reason);
  if (!reason) throw new AppError('validation', 'Cần nêu lý do phân luồng lại hồ sơ.');
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: subject, scope } = await loadCaseWithScope(ctx, input.caseId);
  const reach = applicableRoles(staff, scope);
  if (!reach.ok) throw new AppError('forbidden', reach.message, { reason: reach.code });
  const role = reach.roles.find((r) => REROUTING_ROLES.includes(r));
  if (!role) {
    throw new AppError('forbidden', 'Chỉ cán bộ tiếp nhận hoặc lãnh đạo mới phân luồng lại hồ sơ.', {
      reason: 'role_not_allowed',
    });
  }
  if (!isOpenStatus(subject.status)) {
    throw new AppError('illegal_transition', 'Chỉ phân luồng lại hồ sơ đang được xử lý.');
  }

  const { prisma } = ctx.db;
  const unitOf = async (code: string) => {
    const unit = await findUnitByCode(prisma, code);
    if (!unit || unit.organizationId !== subject.organizationId || !unit.active) {
      throw new AppError('unprocessable', `Khoa/phòng "${code}" không thuộc đơn vị quản lý hồ sơ.`);
    }
    return unit;
  };

  let data: RouteEventData;
  const t = input.target;
  if (t.type === 'unit') {
    const unit = await unitOf(t.unitCode);
    data = { rule: 'manual', reason, unitId: unit.id };
  } else if (t.type === 'inbox') {
    data = { rule: 'manual', reason, unitId: null };
  } else {
    const org = await findOrganizationForRouting(prisma, subject.organizationId);
    const accusedUnitId =
      t.level === 'organization'
        ? t.accusedUnitCode
          ? (await unitOf(t.accusedUnitCode)).id
          : subject.unitId
        : null;
    const competence: CompetenceReferral = {
      level: t.level,
      accusedUnitId,
      managingOrganizationId: t.level === 'managing_body' ? (org?.parentId ?? null) : null,
      titles: [],
      senderProtected: subject.kind === 'denunciation',
    };
    data = { rule: 'manual', reason, unitId: null, competence };
  }

  const written = await recordRouting(prisma, {
    caseId: subject.id,
    version: subject.version,
    requireReceived: false,
    route: { data: data as Prisma.InputJsonValue, actorStaffId: staff.id, actorRole: role, reason },
    urgentKeywords: null,
    at: ctx.clock.now(),
  });
  if (!written) {
    throw new AppError('conflict', 'Hồ sơ vừa được người khác cập nhật. Vui lòng xem lại và thử lại.');
  }
  ctx.logger.info({ caseId: subject.id, staffId: staff.id, target: t.type }, 'case re-routed by an officer');

  const assignment =
    data.unitId && data.unitId !== subject.unitId
      ? await applyCaseAction(ctx, {
          caseId: subject.id,
          action: 'assign',
          actor: { type: 'staff', staffId: staff.id, role },
          params: { unitId: data.unitId, reason },
        })
      : null;
  return { decision: data, role, assignment };
}
