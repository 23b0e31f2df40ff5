// Finding the staff member behind a request: by id (the dashboard, the CLI) or by the Telegram
// account bound with an invite (the bot).
import type { AppContext } from '../app-context.js';
import type { Role } from '../db/generated/enums.js';
import { holdsOversightRole } from '../cases/case-permissions.js';
import { AppError } from '../core/app-error.js';
import type { DirectoryContext } from './directory-context.js';
import { isUuid } from './directory-input.js';
import { toStaffMember, type StaffMember } from './staff-member.js';
import { findOrganizationByCode } from './directory.repository.js';
import {
  findStaffByName,
  findStaffByTelegramUserId,
  findStaffWithRoles,
  listStaffWithTelegramAndRoles,
} from './staff.repository.js';
import { organizationsBelow } from './organization-tree.js';
import { readDirectory } from './directory-cache.js';

/** A context that may carry the directory cache's settings; without them the tree is read afresh. */
type StaffContext = Pick<DirectoryContext, 'db'> & Partial<Pick<AppContext, 'config'>>;

/**
 * The staff member with the organisations below theirs when an oversight role may read them
 * (case-permissions.ts): the permission checks then need nothing else from the directory.
 */
async function withOversight(ctx: StaffContext, member: StaffMember): Promise<StaffMember> {
  if (!holdsOversightRole(member.roles)) return member;
  return { ...member, organizationsBelow: await organizationsBelow(ctx, member.organizationId) };
}

/** The active staff member bound to this Telegram account, with their roles; null when none. */
export async function resolveStaffByTelegramUser(
  ctx: StaffContext,
  telegramUserId: string | number,
): Promise<StaffMember | null> {
  const row = await findStaffByTelegramUserId(ctx.db.prisma, String(telegramUserId));
  if (!row || !row.active) return null;
  return withOversight(ctx, toStaffMember(row));
}

/** The staff member acting; refuses unknown and deactivated staff. */
export async function loadActiveStaff(ctx: StaffContext, staffId: string): Promise<StaffMember> {
  const row = isUuid(staffId) ? await findStaffWithRoles(ctx.db.prisma, staffId) : null;
  if (!row) throw new AppError('not_found', 'Không tìm thấy cán bộ.');
  if (!row.active) throw new AppError('forbidden', 'Tài khoản cán bộ này đã ngừng hoạt động.');
  return withOversight(ctx, toStaffMember(row));
}

export async function findStaff(ctx: StaffContext, staffId: string): Promise<StaffMember | null> {
  const row = isUuid(staffId) ? await findStaffWithRoles(ctx.db.prisma, staffId) : null;
  return row ? withOversight(ctx, toStaffMember(row)) : null;
}

/**
 * Active staff holding `role` (org-wide when `unitId` is null, else for that unit) who can be
 * reached on Telegram, each as `findStaff` gives them: read in one statement (decision 0103), from
 * memory when the context carries the directory cache's settings (decision 0117): every case card
 * sent to the receiving office asked for the same few rows.
 */
export async function listStaffOnTelegramWithRole(
  ctx: StaffContext,
  input: { organizationId: string; role: Role; unitId: string | null },
): Promise<StaffMember[]> {
  const rows = await readDirectory(
    ctx,
    `staff-on-telegram:${input.organizationId}:${input.role}:${input.unitId ?? ''}`,
    () => listStaffWithTelegramAndRoles(ctx.db.prisma, input),
  );
  return Promise.all(rows.map((row) => withOversight(ctx, toStaffMember(row))));
}

/** Staff of the organisation with exactly this full name (case-insensitive): for the CLI. */
export async function findStaffByFullName(
  ctx: Pick<DirectoryContext, 'db'>,
  organizationCode: string,
  fullName: string,
): Promise<StaffMember[]> {
  const org = await findOrganizationByCode(ctx.db.prisma, organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${organizationCode}".`);
  const rows = await findStaffByName(ctx.db.prisma, org.id, fullName.normalize('NFC').trim());
  return rows.map(toStaffMember);
}

/** The one staff member of the organisation with this full name, for commands that take a name. */
export async function staffIdByFullName(
  ctx: Pick<DirectoryContext, 'db'>,
  organizationCode: string,
  fullName: string,
): Promise<string> {
  const matches = await findStaffByFullName(ctx, organizationCode, fullName);
  if (matches.length === 1) return matches[0]!.id;
  throw new AppError(
    matches.length ? 'conflict' : 'not_found',
    matches.length
      ? `Có ${matches.length} cán bộ cùng tên; hãy dùng mã cán bộ (langnghe directory:list --org ${organizationCode}).`
      : 'Không tìm thấy cán bộ có tên này trong đơn vị.',
  );
}
