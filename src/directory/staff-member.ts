// The shape use cases and bots get for a staff member: who they are and what roles they hold. It
// satisfies StaffPrincipal, so it goes straight into the permission checks.
import type { Role } from '../cases/case-vocabulary.js';
import type { StaffPrincipal } from '../cases/case-permissions.js';

export interface StaffMemberRole {
  role: Role;
  /** Null: organisation-wide. */
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
}

export interface StaffMember extends StaffPrincipal {
  id: string;
  organizationId: string;
  fullName: string;
  title: string | null;
  active: boolean;
  /** Whether a Telegram account is bound; the account id itself is in `telegramUserId`. */
  telegramUserId: string | null;
  roles: StaffMemberRole[];
}

/** A staff row read with its roles and their units, as the repository returns it. */
export interface StaffRow {
  id: string;
  organizationId: string;
  fullName: string;
  title: string | null;
  active: boolean;
  telegramUserId: string | null;
  roles: { role: Role; unitId: string | null; unit: { code: string; name: string } | null }[];
}

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    organizationId: row.organizationId,
    fullName: row.fullName,
    title: row.title,
    active: row.active,
    telegramUserId: row.telegramUserId,
    roles: row.roles.map((r) => ({
      role: r.role,
      unitId: r.unitId,
      unitCode: r.unit?.code ?? null,
      unitName: r.unit?.name ?? null,
    })),
  };
}
