// An administrator adds a staff member with their roles, and grants or withdraws roles later.
// Roles are (role, unit | whole organisation); handler and unit_head always name a unit.
import { z } from 'zod';
import { ZRoleSchema, type Role } from '../cases/case-vocabulary.js';
import { UNIT_BOUND_ROLES } from '../cases/case-permissions.js';
import { AppError } from '../core/app-error.js';
import type { DirectoryContext } from './directory-context.js';
import {
  CLI_ACTOR,
  recordDirectoryEvent,
  requireDirectoryAdmin,
  type DirectoryActor,
} from './directory-audit.js';
import { ZCodeSchema, ZNameSchema, parseDirectoryInput } from './directory-input.js';
import { findOrganizationByCode, findUnitByCode } from './directory.repository.js';
import { findStaff, loadActiveStaff } from './resolve-staff.js';
import { toStaffMember, type StaffMember } from './staff-member.js';
import { addStaffRole, insertStaffWithRoles, removeStaffRole, setStaffActive } from './staff.repository.js';

const ZRoleSpecSchema = z
  .object({ role: ZRoleSchema, unitCode: ZCodeSchema.nullish() })
  .strict()
  .refine((r) => r.unitCode || !(UNIT_BOUND_ROLES as readonly Role[]).includes(r.role), {
    message: 'vai trò handler và unit_head phải gắn với một khoa/phòng',
  });

export const ZCreateStaffSchema = z
  .object({
    organizationCode: ZCodeSchema,
    fullName: ZNameSchema,
    title: ZNameSchema.optional(),
    roles: z.array(ZRoleSpecSchema).min(1, 'cần ít nhất một vai trò').max(20),
  })
  .strict();
export type CreateStaffInput = z.input<typeof ZCreateStaffSchema>;

export interface StaffRoleInput {
  role: Role;
  unitCode?: string | null;
}

export async function createStaff(
  ctx: DirectoryContext,
  raw: CreateStaffInput,
  actor: DirectoryActor = CLI_ACTOR,
): Promise<StaffMember> {
  const input = parseDirectoryInput(ZCreateStaffSchema, raw);
  const org = await findOrganizationByCode(ctx.db.prisma, input.organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${input.organizationCode}".`);
  await requireDirectoryAdmin(ctx, actor, org.id);
  const roles = [];
  const seen = new Set<string>();
  for (const spec of input.roles) {
    const unitId = spec.unitCode ? await unitOf(ctx, org.id, spec.unitCode) : null;
    const key = `${spec.role}@${unitId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    roles.push({ role: spec.role, unitId });
  }
  const row = await insertStaffWithRoles(ctx.db.prisma, {
    organizationId: org.id,
    fullName: input.fullName,
    title: input.title ?? null,
    roles,
  });
  await recordDirectoryEvent(ctx, actor, {
    organizationId: org.id,
    action: 'staff_created',
    subjectType: 'staff',
    subjectId: row.id,
    data: { roles },
  });
  ctx.logger.info({ staffId: row.id, organizationId: org.id, roles: roles.length }, 'staff created');
  return toStaffMember(row);
}

/** Grants a role; returns false when the staff member already held it. */
export async function grantStaffRole(
  ctx: DirectoryContext,
  input: { staffId: string } & StaffRoleInput,
  actor: DirectoryActor = CLI_ACTOR,
): Promise<boolean> {
  const spec = parseDirectoryInput(ZRoleSpecSchema, { role: input.role, unitCode: input.unitCode ?? null });
  const staff = await loadActiveStaff(ctx, input.staffId);
  await requireDirectoryAdmin(ctx, actor, staff.organizationId);
  const unitId = spec.unitCode ? await unitOf(ctx, staff.organizationId, spec.unitCode) : null;
  const added = await addStaffRole(ctx.db.prisma, {
    staffId: staff.id,
    organizationId: staff.organizationId,
    role: spec.role,
    unitId,
  });
  if (added) {
    await recordDirectoryEvent(ctx, actor, {
      organizationId: staff.organizationId,
      action: 'staff_role_granted',
      subjectType: 'staff',
      subjectId: staff.id,
      data: { role: spec.role, unitId },
    });
    ctx.logger.info({ staffId: staff.id, role: spec.role, unitId }, 'staff role granted');
  }
  return added;
}

/** Withdraws a role; returns false when the staff member did not hold it. */
export async function revokeStaffRole(
  ctx: DirectoryContext,
  input: { staffId: string } & StaffRoleInput,
  actor: DirectoryActor = CLI_ACTOR,
): Promise<boolean> {
  const spec = parseDirectoryInput(ZRoleSpecSchema, { role: input.role, unitCode: input.unitCode ?? null });
  const staff = await loadActiveStaff(ctx, input.staffId);
  await requireDirectoryAdmin(ctx, actor, staff.organizationId);
  const unitId = spec.unitCode ? await unitOf(ctx, staff.organizationId, spec.unitCode) : null;
  const removed = await removeStaffRole(ctx.db.prisma, { staffId: staff.id, role: spec.role, unitId });
  if (removed) {
    await recordDirectoryEvent(ctx, actor, {
      organizationId: staff.organizationId,
      action: 'staff_role_revoked',
      subjectType: 'staff',
      subjectId: staff.id,
      data: { role: spec.role, unitId },
    });
    ctx.logger.info({ staffId: staff.id, role: spec.role, unitId }, 'staff role withdrawn');
  }
  return removed;
}

/**
 * Deactivates a staff member: they keep their history but can no longer act (loadActiveStaff
 * refuses them) and their unused invite stops working at redemption. Returns false when already
 * inactive. An administrator cannot deactivate themself, so an organisation is not locked out.
 */
export async function deactivateStaff(
  ctx: DirectoryContext,
  input: { staffId: string },
  actor: DirectoryActor = CLI_ACTOR,
): Promise<boolean> {
  const staff = await findStaff(ctx, input.staffId);
  if (!staff) throw new AppError('not_found', 'Không tìm thấy cán bộ.');
  await requireDirectoryAdmin(ctx, actor, staff.organizationId);
  if (actor.type === 'staff' && actor.staffId === staff.id) {
    throw new AppError('unprocessable', 'Không thể tự ngừng hoạt động tài khoản của chính mình.');
  }
  if (!staff.active) return false;
  await setStaffActive(ctx.db.prisma, staff.id, false);
  await recordDirectoryEvent(ctx, actor, {
    organizationId: staff.organizationId,
    action: 'staff_deactivated',
    subjectType: 'staff',
    subjectId: staff.id,
  });
  ctx.logger.info({ staffId: staff.id }, 'staff deactivated');
  return true;
}

async function unitOf(ctx: DirectoryContext, organizationId: string, unitCode: string): Promise<string> {
  const unit = await findUnitByCode(ctx.db.prisma, unitCode);
  if (!unit || unit.organizationId !== organizationId) {
    throw new AppError('unprocessable', `Khoa/phòng "${unitCode}" không thuộc đơn vị của cán bộ.`);
  }
  if (!unit.active) throw new AppError('unprocessable', `Khoa/phòng "${unitCode}" đã ngừng hoạt động.`);
  return unit.id;
}
