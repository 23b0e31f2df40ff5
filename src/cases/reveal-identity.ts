// Revealing a sender's identity (DOMAIN.md §2.3, Luật Tố cáo Điều 8, 9, 47; NĐ 13/2023): only to
// the roles the organisation's policy names (settings.identityRevealRoles, default leader), on an
// explicit request with a reason, and never:
// - for a sealed or no-trace sender, or an identity stored as not revealable (sealed staff handle);
// - to anyone who cannot see the case at all (scope and competence, case-permissions.ts);
// - for a denunciation, to anyone holding a role in the unit the case is about (its unit, or the
//   accused unit found by routing), nor to anyone in the organisation when the case was referred
//   to the managing body because it is about the organisation's head or deputies.
// Every reveal writes an AccessLog row and a `reveal_identity` case event (no identity in it) in one
// transaction. A refusal writes nothing and says why, in Vietnamese.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { parseOrganizationPolicy } from '../directory/organization-settings.js';
import { findOrganizationById } from '../directory/directory.repository.js';
import type { Contact } from '../intake/intake-input.js';
import type { SealedIdentity } from '../intake/sender-identity.js';
import { findSenderIdentityRow, recordIdentityAccess } from './case.repository.js';
import { applicableRoles, type CaseScope, type StaffPrincipal } from './case-permissions.js';
import { loadCaseWithScope } from './case-scope.service.js';
import { ACTOR_LABELS, type CaseKind, type Role } from './case-vocabulary.js';
import { personalDataIn, type PersonalDataKind } from './redaction.js';
import { cleanFreeText } from '../core/free-text.js';

export const MIN_REVEAL_REASON_CHARS = 10;
export const MAX_REVEAL_REASON_CHARS = 500;

export interface RevealSenderIdentityInput {
  caseId: string;
  staffId: string;
  reason: string;
}

export interface RevealedIdentity {
  caseId: string;
  caseCode: string;
  /** The sender's contact as they gave it. Show it to this person only; never log or forward it. */
  contact: Contact;
  /**
   * Personal data the sender typed into the case's free text (masked on every card), in clear:
   * often the only number a sender gave is in the description.
   */
  typed: { kind: PersonalDataKind; text: string }[];
  /** The role the reveal was made in (recorded in the audit event). */
  role: Role;
  accessLogId: string;
}

export type RevealRefusalCode =
  | 'reason_required'
  | 'out_of_scope'
  | 'conflict_of_interest'
  | 'role_not_allowed'
  | 'oversight_only'
  | 'not_revealable'
  | 'no_identity'
  | 'accused_unit';

export interface RevealCheckInput {
  staff: StaffPrincipal;
  scope: CaseScope;
  kind: CaseKind;
  identityMode: 'named' | 'anonymous' | 'sealed' | 'no_trace';
  /** Null when no identity row exists (anonymous). */
  identity: { revealable: boolean } | null;
  allowedRoles: readonly Role[];
  reason: string;
}

/** The pure part of the decision: which role may reveal, or why nobody here may. */
export function checkIdentityReveal(
  input: RevealCheckInput,
): { ok: true; role: Role } | { ok: false; code: RevealRefusalCode; message: string } {
  const { staff, scope } = input;
  if (input.identityMode === 'sealed' || input.identityMode === 'no_trace') {
    return {
      ok: false,
      code: 'not_revealable',
      message: 'Người gửi chọn chế độ bảo mật tuyệt đối; không ai được xem danh tính người gửi hồ sơ này.',
    };
  }
  const reach = applicableRoles(staff, scope);
  if (!reach.ok) return reach;
  if (input.kind === 'denunciation') {
    const aboutUnits = [scope.unitId, scope.accusedUnitId].filter((u): u is string => !!u);
    const inAccusedUnit = staff.roles.some((g) => g.unitId !== null && aboutUnits.includes(g.unitId));
    const inReferredOrganization = !!scope.managingBody && staff.organizationId === scope.organizationId;
    if (inAccusedUnit || inReferredOrganization) {
      return {
        ok: false,
        code: 'accused_unit',
        message:
          'Không được tiết lộ danh tính người tố cáo cho người thuộc khoa/phòng hoặc đơn vị bị tố cáo (Luật Tố cáo Điều 8, 47).',
      };
    }
  }
  const role = reach.roles.find((r) => input.allowedRoles.includes(r));
  if (!role) {
    const allowed = input.allowedRoles.map((r) => ACTOR_LABELS[r].vi).join(', ') || 'không ai';
    return {
      ok: false,
      code: 'role_not_allowed',
      message: `Theo quy định của đơn vị, chỉ ${allowed} mới được xem danh tính người gửi.`,
    };
  }
  if (!input.identity) {
    return {
      ok: false,
      code: 'no_identity',
      message: 'Người gửi không để lại thông tin liên hệ (gửi ẩn danh).',
    };
  }
  if (!input.identity.revealable) {
    return {
      ok: false,
      code: 'not_revealable',
      message: 'Thông tin người gửi hồ sơ này chỉ dùng để hệ thống trả lời; không ai được xem.',
    };
  }
  const reason = cleanFreeText(input.reason);
  if (reason.length < MIN_REVEAL_REASON_CHARS) {
    return {
      ok: false,
      code: 'reason_required',
      message: `Cần nêu rõ lý do xem danh tính người gửi (ít nhất ${MIN_REVEAL_REASON_CHARS} ký tự); lý do được lưu vào nhật ký truy cập.`,
    };
  }
  return { ok: true, role };
}

export async function revealSenderIdentity(
  ctx: AppContext,
  input: RevealSenderIdentityInput,
): Promise<RevealedIdentity> {
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: subject, scope } = await loadCaseWithScope(ctx, input.caseId);
  const { prisma } = ctx.db;
  const org = await findOrganizationById(prisma, subject.organizationId);
  const { policy } = parseOrganizationPolicy(org?.settings ?? {});
  const identity = await findSenderIdentityRow(prisma, subject.id);
  const reason = cleanFreeText(input.reason).slice(0, MAX_REVEAL_REASON_CHARS);

  const check = checkIdentityReveal({
    staff,
    scope,
    kind: subject.kind,
    identityMode: subject.identityMode,
    identity,
    allowedRoles: policy.identityRevealRoles,
    reason,
  });
  if (!check.ok) throw new AppError('forbidden', check.message, { reason: check.code });

  const opened = ctx.sealedBox.openJson<SealedIdentity>(identity!.ciphertext);
  if (!opened.contact) {
    throw new AppError('forbidden', 'Người gửi không để lại thông tin liên hệ.', { reason: 'no_identity' });
  }
  const log = await recordIdentityAccess(prisma, {
    caseId: subject.id,
    staffId: staff.id,
    role: check.role,
    reason,
    at: ctx.clock.now(),
  });
  ctx.logger.info({ caseId: subject.id, staffId: staff.id, accessLogId: log.id }, 'sender identity revealed');
  return {
    caseId: subject.id,
    caseCode: subject.code,
    contact: opened.contact,
    typed: [subject.description, subject.place, subject.occurredAt, subject.involved].flatMap((text) =>
      text ? personalDataIn(text) : [],
    ),
    role: check.role,
    accessLogId: log.id,
  };
}
