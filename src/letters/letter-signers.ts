// Who drafts and who signs a case's letters. Drafting: the handler, the unit's head or a leader who
// reaches the case. Signing ("approved and signed by the head"): the head of the case's unit or a
// leader who reaches it. The competence rule of case-permissions.ts applies as everywhere: the head
// of a unit a case is about never signs its letters.
import type { AppContext } from '../app-context.js';
import { applicableRoles, type CaseScope, type StaffPrincipal } from '../cases/case-permissions.js';
import type { Role } from '../cases/case-vocabulary.js';
import { listSignerCandidates } from './letter.repository.js';
import type { LetterKind } from './letter-vocabulary.js';

export const DRAFTING_ROLES = ['handler', 'unit_head', 'leader'] as const satisfies readonly Role[];

/** Who may sign a letter: the unit's head (not a forward slip), else a leader. */
export const SIGNING_ROLES = ['unit_head', 'leader'] as const satisfies readonly Role[];

/** Who may send the pre-filled đơn: whoever triages, works or takes the call of the case. */
export const PETITION_FORM_ROLES = [
  'receiver',
  'handler',
  'unit_head',
  'leader',
  'hotline',
] as const satisfies readonly Role[];

/** The role the staff member drafts in, or null when they may not draft the case's letters. */
export function draftingRole(staff: StaffPrincipal, scope: CaseScope): Role | null {
  const reach = applicableRoles(staff, scope);
  if (!reach.ok) return null;
  return reach.roles.find((r) => (DRAFTING_ROLES as readonly Role[]).includes(r)) ?? null;
}

/**
 * The role the staff member signs in: the unit's head first (they sign "TL."), then a leader.
 * A forward slip speaks for the organisation, so only a leader signs it.
 */
export function signingRole(
  staff: StaffPrincipal,
  scope: CaseScope,
  kind: LetterKind,
): (typeof SIGNING_ROLES)[number] | null {
  const reach = applicableRoles(staff, scope);
  if (!reach.ok) return null;
  if (kind !== 'forward_slip' && reach.roles.includes('unit_head')) return 'unit_head';
  if (reach.roles.includes('leader')) return 'leader';
  return null;
}

export interface LetterSigner {
  id: string;
  fullName: string;
  telegramUserId: string;
}

/**
 * The people asked to sign, on Telegram: the heads of the case's unit who reach it, else the
 * leaders who do (the forward slip: the leaders).
 */
export async function findLetterSigners(
  ctx: Pick<AppContext, 'db'>,
  scope: CaseScope,
  kind: LetterKind,
): Promise<LetterSigner[]> {
  const candidates = (await listSignerCandidates(ctx.db.prisma, scope.organizationId)).filter(
    (s) => s.telegramUserId,
  );
  const withRole = (role: (typeof SIGNING_ROLES)[number]) =>
    candidates
      .filter((s) => signingRole(s as StaffPrincipal, scope, kind) === role)
      .map((s) => ({ id: s.id, fullName: s.fullName, telegramUserId: s.telegramUserId! }));
  const heads = kind === 'forward_slip' ? [] : withRole('unit_head');
  return heads.length ? heads : withRole('leader');
}
