// Who may see and act on which case: role × action × scope. Pure. The transition table
// (case-transitions.ts) says which role may take which action from which status; this file adds
// the scope ("is this case mine?") and picks which of a person's roles applies.
//
// A staff member holds roles as (role, unitId | null): null means organisation-wide.
//
// | role                                          | held org-wide reaches                 | held for a unit reaches      |
// |-----------------------------------------------|---------------------------------------|------------------------------|
// | receiver, leader, admin, inspector, hotline   | every case of the organisation        | that unit's cases only       |
// | handler, unit_head                            | nothing (they only work through a unit)| that unit's cases only      |
//
// Across organisations two reaches exist (decision 0069):
// - managing body: an organisation-wide leader of the managing body (the parent organisation)
//   reaches, and acts on, a case that routing referred up to it because it is about the head or a
//   deputy of the organisation (DOMAIN.md §2.5, Luật Tố cáo Điều 18);
// - oversight: an organisation-wide leader or inspector reads, and only reads, every other case of
//   the organisations below theirs in the tree (any depth). The unit the case belongs to works it;
//   moves, urgency, replies, letters and the sender's identity stay with that unit.
//
// Competence (set by routing, see case-scope.ts):
// - A case about the head or a deputy of a unit (trưởng/phó khoa, phòng…) is decided at the
//   organisation's level. Whoever holds any role in that unit (the accused unit) is kept off the
//   case entirely, even through an organisation-wide role: they must not judge their own head,
//   and a denunciator must not be exposed to them (Luật Tố cáo Điều 8, 47).
// - A case about the head or a deputy of the organisation (giám đốc, phó giám đốc…) is decided by
//   the managing body. In the organisation itself only the receiving office (receiver: to forward
//   it out when the body is not in the system), the administrator and the People's Inspection
//   Board (supervision, read-only) keep access; its leaders, heads and handlers do not, since the
//   people the case is about are among them.
//
// When several roles reach the case and allow the action, the most specific and least powerful one
// is recorded in the audit event: unit roles before organisation-wide ones, then handler, unit_head,
// hotline, receiver, inspector, admin, leader.
import {
  CASE_ACTIONS,
  CASE_ACTION_LABELS,
  CASE_TRANSITIONS,
  availableActions,
  type CaseAction,
  type CaseState,
  actorMayTake,
} from './case-transitions.js';
import { ACTOR_LABELS, type CaseKind, type Role } from './case-vocabulary.js';

export interface StaffRoleGrant {
  readonly role: Role;
  /** Null: the role applies to the whole organisation. */
  readonly unitId: string | null;
}

/** The acting staff member, as permission checks see them. */
export interface StaffPrincipal {
  readonly id: string;
  readonly organizationId: string;
  readonly roles: readonly StaffRoleGrant[];
  /**
   * The organisations below `organizationId` in the tree, any depth (the directory's fact, loaded
   * with the staff member when OVERSIGHT_ROLES may use it). Absent: none.
   */
  readonly organizationsBelow?: readonly string[];
}

/** Where a case sits, as permission checks see it (build it with caseScopeOf in case-scope.ts). */
export interface CaseScope {
  readonly organizationId: string;
  readonly unitId: string | null;
  /** The unit whose head or deputy the case is about; its people are kept off the case. */
  readonly accusedUnitId?: string | null;
  /**
   * Set when the case is about the head or a deputy of the organisation: the managing body
   * decides. `organizationId` is null when that body is not in the system.
   */
  readonly managingBody?: { readonly organizationId: string | null } | null;
}

export type CasePermissionRefusalCode =
  'out_of_scope' | 'conflict_of_interest' | 'role_not_allowed' | 'oversight_only';

export type CasePermissionRefusal = {
  readonly ok: false;
  readonly code: CasePermissionRefusalCode;
  readonly message: string;
};

export type CaseAuthorization = { readonly ok: true; readonly role: Role } | CasePermissionRefusal;

/**
 * How a staff member reaches a case: `member` of its organisation, the `managing_body` it was
 * referred up to (both work it), or `oversight` from an organisation above (reads it only).
 */
export type CaseReachKind = 'member' | 'managing_body' | 'oversight';

export type CaseViewAuthorization =
  { readonly ok: true; readonly role: Role; readonly reach: CaseReachKind } | CasePermissionRefusal;

/** Whether a reach lets its roles work the case; every check but viewing goes through this. */
export function reachActs(reach: CaseReachKind): boolean {
  switch (reach) {
    case 'member':
    case 'managing_body':
      return true;
    case 'oversight':
      return false;
    default:
      throw new Error(`Unhandled case reach: ${JSON.stringify(reach satisfies never)}`);
  }
}

/** Roles that work only through a unit: held without one they reach no case. */
export const UNIT_BOUND_ROLES = ['handler', 'unit_head'] as const satisfies readonly Role[];

/** Who may answer the sender (case-messages.ts): whoever works or triages the case. */
export const REPLY_ROLES: readonly Role[] = ['handler', 'unit_head', 'receiver', 'leader'];

/**
 * Who may set a case's urgency (the triage card's Khẩn / Không khẩn, the console's form): whoever
 * works, triages or takes calls about the case. Not the inspection board (read-only) nor the
 * administrator (repairs only), as for the moves of the transition table.
 */
export const URGENCY_ROLES: readonly Role[] = ['handler', 'unit_head', 'hotline', 'receiver', 'leader'];

/** In the organisation of a case referred to the managing body, only these roles keep access. */
export const ROLES_KEPT_WHEN_REFERRED_UP = [
  'receiver',
  'admin',
  'inspector',
] as const satisfies readonly Role[];

/** Held organisation-wide, these roles read the cases of the organisations below (oversight). */
export const OVERSIGHT_ROLES = ['leader', 'inspector'] as const satisfies readonly Role[];

/** Least powerful first; the first applicable role that allows the action is the one recorded. */
const ROLE_PREFERENCE: readonly Role[] = [
  'handler',
  'unit_head',
  'hotline',
  'receiver',
  'inspector',
  'admin',
  'leader',
];

const MESSAGES = {
  outOfScope: 'Hồ sơ này không thuộc phạm vi khoa/phòng hoặc đơn vị của bạn.',
  accusedUnit:
    'Hồ sơ này phản ánh về người đứng đầu hoặc cấp phó của khoa/phòng bạn đang công tác; theo quy định, bạn không được xem hay xử lý hồ sơ này.',
  referredUp:
    'Hồ sơ này phản ánh về người đứng đầu hoặc cấp phó của đơn vị nên thuộc thẩm quyền của cơ quan quản lý cấp trên; bạn không được xem hay xử lý hồ sơ này.',
  oversightOnly: 'Cơ quan quản lý chỉ xem hồ sơ của đơn vị trực thuộc; đơn vị đó xử lý hồ sơ.',
} as const;

/** The refusal of any work on a case reached through oversight only. */
export const OVERSIGHT_ONLY_MESSAGE = MESSAGES.oversightOnly;

const isUnitBound = (role: Role) => (UNIT_BOUND_ROLES as readonly Role[]).includes(role);
const keptWhenReferredUp = (role: Role) => (ROLES_KEPT_WHEN_REFERRED_UP as readonly Role[]).includes(role);

const isOversightRole = (role: Role) => (OVERSIGHT_ROLES as readonly Role[]).includes(role);

/** The organisations whose cases `staff` reads through oversight (none without an oversight role). */
export function overseenOrganizationIds(staff: StaffPrincipal): readonly string[] {
  if (!holdsOversightRole(staff.roles)) return [];
  return (staff.organizationsBelow ?? []).filter((id) => id !== staff.organizationId);
}

/** Whether `staff` holds an oversight role org-wide, i.e. whether an oversight reach can exist. */
export function holdsOversightRole(roles: readonly StaffRoleGrant[]): boolean {
  return roles.some((grant) => grant.unitId === null && isOversightRole(grant.role));
}

function holdsRoleInUnit(staff: StaffPrincipal, unitId: string | null | undefined): boolean {
  return !!unitId && staff.roles.some((grant) => grant.unitId === unitId);
}

export type CaseReach =
  { readonly ok: true; readonly kind: CaseReachKind; readonly roles: Role[] } | CasePermissionRefusal;

/**
 * The one rule of who reaches a case: how `staff` reaches it and with which roles, least powerful
 * first, or why they do not. A role is listed once even when held both org-wide and for the unit.
 */
export function caseReach(staff: StaffPrincipal, scope: CaseScope): CaseReach {
  const referredUp = !!scope.managingBody;
  const sameOrganization = staff.organizationId === scope.organizationId;

  if (sameOrganization && holdsRoleInUnit(staff, scope.accusedUnitId)) {
    return { ok: false, code: 'conflict_of_interest', message: MESSAGES.accusedUnit };
  }

  const reaching = new Set<Role>();
  let kind: CaseReachKind = 'member';
  if (sameOrganization) {
    const inScope = staff.roles
      .filter((grant) => (grant.unitId === null ? !isUnitBound(grant.role) : grant.unitId === scope.unitId))
      .map((grant) => grant.role);
    for (const role of inScope) if (!referredUp || keptWhenReferredUp(role)) reaching.add(role);
    if (reaching.size === 0 && inScope.length > 0) {
      return { ok: false, code: 'conflict_of_interest', message: MESSAGES.referredUp };
    }
  } else if (
    referredUp &&
    scope.managingBody?.organizationId &&
    staff.organizationId === scope.managingBody.organizationId &&
    staff.roles.some((grant) => grant.role === 'leader' && grant.unitId === null)
  ) {
    kind = 'managing_body';
    reaching.add('leader');
  } else if (overseenOrganizationIds(staff).includes(scope.organizationId)) {
    if (holdsRoleInUnit(staff, scope.accusedUnitId)) {
      return { ok: false, code: 'conflict_of_interest', message: MESSAGES.accusedUnit };
    }
    kind = 'oversight';
    for (const grant of staff.roles)
      if (grant.unitId === null && isOversightRole(grant.role)) reaching.add(grant.role);
  }

  if (reaching.size === 0) return { ok: false, code: 'out_of_scope', message: MESSAGES.outOfScope };
  return { ok: true, kind, roles: ROLE_PREFERENCE.filter((role) => reaching.has(role)) };
}

/**
 * The roles of `staff` that may work the case (every check but viewing: moves, urgency, replies,
 * letters, the identity), least powerful first, or why none may. Oversight reads only.
 */
export function applicableRoles(
  staff: StaffPrincipal,
  scope: CaseScope,
): { ok: true; roles: Role[] } | CasePermissionRefusal {
  const reach = caseReach(staff, scope);
  if (!reach.ok) return reach;
  if (!reachActs(reach.kind)) return { ok: false, code: 'oversight_only', message: MESSAGES.oversightOnly };
  return { ok: true, roles: reach.roles };
}

/**
 * May `staff` see this case (its redacted view)? Any reach may; `reach` says whether the role is
 * one to work the case with (reachActs) or to read it only.
 */
export function authorizeCaseView(staff: StaffPrincipal, scope: CaseScope): CaseViewAuthorization {
  const reach = caseReach(staff, scope);
  if (!reach.ok) return reach;
  return { ok: true, role: reach.roles[0]!, reach: reach.kind };
}

export function canViewCase(staff: StaffPrincipal, scope: CaseScope): boolean {
  return authorizeCaseView(staff, scope).ok;
}

/**
 * Which of `staff`'s roles may take `action` on a case in `scope`, or why none may. The status,
 * kind and parameters are still checked by planTransition with the returned role.
 */
/** `kind`: the case's kind, for actions some roles may take on some kinds only (accept). */
export function authorizeCaseAction(
  staff: StaffPrincipal,
  scope: CaseScope,
  action: CaseAction,
  kind?: CaseKind,
): CaseAuthorization {
  const reach = applicableRoles(staff, scope);
  if (!reach.ok) return reach;
  const rule = Object.hasOwn(CASE_TRANSITIONS, action) ? CASE_TRANSITIONS[action] : undefined;
  if (!rule) return { ok: false, code: 'role_not_allowed', message: 'Thao tác không hợp lệ.' };
  const role = reach.roles.find((r) => actorMayTake(rule, r, kind));
  if (role) return { ok: true, role };
  const held = reach.roles.map((r) => ACTOR_LABELS[r].vi).join(', ');
  return {
    ok: false,
    code: 'role_not_allowed',
    message: `Với vai trò ${held}, bạn không có quyền ${CASE_ACTION_LABELS[action].verb} hồ sơ này.`,
  };
}

/** Which of `staff`'s roles may set the case's urgency (URGENCY_ROLES), or why none may. */
export function authorizeUrgencyChange(staff: StaffPrincipal, scope: CaseScope): CaseAuthorization {
  const reach = applicableRoles(staff, scope);
  if (!reach.ok) return reach;
  const role = reach.roles.find((r) => URGENCY_ROLES.includes(r));
  if (role) return { ok: true, role };
  const held = reach.roles.map((r) => ACTOR_LABELS[r].vi).join(', ');
  return {
    ok: false,
    code: 'role_not_allowed',
    message: `Với vai trò ${held}, bạn không có quyền đổi mức độ khẩn của hồ sơ này.`,
  };
}

/**
 * What `staff` could do on the case now (buttons to show): the union over the roles that reach
 * it, each checked against the transition table with the case's status. Every action still goes
 * through authorizeCaseAction and planTransition when chosen.
 */
export function availableStaffActions(
  staff: StaffPrincipal,
  scope: CaseScope,
  state: CaseState,
): CaseAction[] {
  const reach = applicableRoles(staff, scope);
  if (!reach.ok) return [];
  const allowed = new Set(reach.roles.flatMap((role) => availableActions(state, role)));
  return CASE_ACTIONS.filter((action) => allowed.has(action));
}

export interface AssignTarget {
  readonly unitId?: string | null;
  /** The person to put on the case, with their roles, when one is named. */
  readonly assignee?: Pick<StaffPrincipal, 'organizationId' | 'roles'> | null;
}

/**
 * Checks where an assign or transfer may send the case, once the role is chosen:
 * - never to the accused unit, nor to a person holding a role there;
 * - a unit_head assigns within their unit (a transfer elsewhere is for the receiving office);
 * - a named person must reach the case's (new) unit as handler or unit_head, or hold an
 *   organisation-wide role that works cases (leader).
 */
export function authorizeAssignTarget(
  role: Role,
  scope: CaseScope,
  target: AssignTarget,
): { ok: true } | { ok: false; message: string } {
  const unitId = target.unitId ?? scope.unitId;
  if (scope.accusedUnitId && unitId === scope.accusedUnitId) {
    return {
      ok: false,
      message:
        'Không thể giao hồ sơ cho khoa/phòng có người đứng đầu hoặc cấp phó là người bị phản ánh trong hồ sơ.',
    };
  }
  if (role === 'unit_head' && target.unitId && target.unitId !== scope.unitId) {
    return {
      ok: false,
      message:
        'Trưởng khoa/phòng chỉ giao xử lý trong khoa/phòng của mình; muốn chuyển sang khoa/phòng khác, hãy đề nghị cán bộ tiếp nhận.',
    };
  }
  const assignee = target.assignee;
  if (assignee) {
    if (assignee.organizationId !== scope.organizationId) {
      return { ok: false, message: 'Cán bộ được giao không thuộc đơn vị quản lý hồ sơ.' };
    }
    if (scope.accusedUnitId && assignee.roles.some((g) => g.unitId === scope.accusedUnitId)) {
      return {
        ok: false,
        message: 'Không thể giao hồ sơ cho cán bộ thuộc khoa/phòng có người bị phản ánh trong hồ sơ.',
      };
    }
    const works = assignee.roles.some(
      (g) =>
        ((g.role === 'handler' || g.role === 'unit_head') && unitId !== null && g.unitId === unitId) ||
        (g.role === 'leader' && g.unitId === null),
    );
    if (!works) {
      return {
        ok: false,
        message: unitId
          ? 'Cán bộ được giao không phải cán bộ xử lý hoặc trưởng của khoa/phòng nhận hồ sơ.'
          : 'Hồ sơ chưa có khoa/phòng; hãy giao cho khoa/phòng trước khi giao cho cán bộ xử lý.',
      };
    }
  }
  return { ok: true };
}
