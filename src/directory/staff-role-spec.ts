// How an administrator writes a role on the command line or in a form: `role` for the whole
// organisation, `role@unitCode` for one unit. Pure.
import { ROLES, type Role } from '../cases/case-vocabulary.js';
import { UNIT_BOUND_ROLES } from '../cases/case-permissions.js';

export interface StaffRoleSpec {
  role: Role;
  /** Null: organisation-wide. */
  unitCode: string | null;
}

export type ParsedRoleSpec = { ok: true; spec: StaffRoleSpec } | { ok: false; message: string };

const UNIT_CODE = /^[A-Za-z0-9-]{1,40}$/;

export function parseStaffRoleSpec(input: string): ParsedRoleSpec {
  const [rawRole = '', rawUnit, extra] = input.trim().split('@');
  const role = rawRole.trim().toLowerCase();
  if (extra !== undefined) return { ok: false, message: `Vai trò "${input}" không hợp lệ (chỉ một dấu @).` };
  if (!(ROLES as readonly string[]).includes(role)) {
    return { ok: false, message: `Vai trò "${rawRole}" không có; chọn một trong: ${ROLES.join(', ')}.` };
  }
  const unitCode = rawUnit === undefined ? null : rawUnit.trim();
  if (unitCode !== null && !UNIT_CODE.test(unitCode)) {
    return { ok: false, message: `Mã khoa/phòng "${rawUnit}" không hợp lệ.` };
  }
  if (unitCode === null && (UNIT_BOUND_ROLES as readonly string[]).includes(role)) {
    return {
      ok: false,
      message: `Vai trò ${role} phải gắn với một khoa/phòng: viết ${role}@<mã khoa/phòng>.`,
    };
  }
  return { ok: true, spec: { role: role as Role, unitCode } };
}

export function formatStaffRole(role: Role, unitCode: string | null): string {
  return unitCode ? `${role}@${unitCode}` : role;
}
