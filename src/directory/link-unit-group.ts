// A unit's Telegram group receives the unit's case cards. It is linked from inside the group
// (`/ganphong <unitCode>`) by an administrator of the organisation or by the head of that unit.
import { z } from 'zod';
import type { StaffPrincipal } from '../cases/case-permissions.js';
import type { Role } from '../cases/case-vocabulary.js';
import { AppError } from '../core/app-error.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { DirectoryContext } from './directory-context.js';
import { ZCodeSchema, ZTelegramIdSchema, parseDirectoryInput } from './directory-input.js';
import { findUnitByCode, findUnitByTelegramChatId, setUnitTelegramChat } from './directory.repository.js';
import { loadActiveStaff } from './resolve-staff.js';
import {
  CLI_ACTOR,
  recordDirectoryEvent,
  requireDirectoryAdmin,
  type DirectoryActor,
} from './directory-audit.js';

/** Who may link a unit's group: see canManageUnitGroup for which unit each role covers. */
export const UNIT_GROUP_MANAGER_ROLES = ['admin', 'unit_head'] as const satisfies readonly Role[];

/** An administrator of the unit's organisation (org-wide or for that unit), or that unit's head. */
export function canManageUnitGroup(
  staff: StaffPrincipal,
  unit: { id: string; organizationId: string },
): boolean {
  if (staff.organizationId !== unit.organizationId) return false;
  return staff.roles.some(
    (g) =>
      (g.role === 'admin' && (g.unitId === null || g.unitId === unit.id)) ||
      (g.role === 'unit_head' && g.unitId === unit.id),
  );
}

const ZLinkSchema = z.object({ unitCode: ZCodeSchema, chatId: ZTelegramIdSchema, byStaffId: z.string() });

export interface LinkedUnitGroup {
  unitId: string;
  unitCode: string;
  unitName: string;
  organizationId: string;
  /** True when the unit was linked to another group before (that group no longer gets cards). */
  replacedPreviousGroup: boolean;
  /** True when this group was already the unit's group. */
  unchanged: boolean;
}

export async function linkUnitGroup(
  ctx: DirectoryContext,
  raw: { unitCode: string; chatId: string | number; byStaffId: string },
): Promise<LinkedUnitGroup> {
  const input = parseDirectoryInput(ZLinkSchema, raw);
  const { prisma } = ctx.db;
  const staff = await loadActiveStaff(ctx, input.byStaffId);
  const unit = await findUnitByCode(prisma, input.unitCode);
  if (!unit) throw new AppError('not_found', `Không tìm thấy khoa/phòng có mã "${input.unitCode}".`);
  if (!canManageUnitGroup(staff, unit)) {
    throw new AppError(
      'forbidden',
      'Chỉ quản trị viên của đơn vị hoặc trưởng khoa/phòng này mới gắn được nhóm Telegram cho khoa/phòng.',
    );
  }
  if (!unit.active) throw new AppError('unprocessable', `Khoa/phòng "${unit.code}" đã ngừng hoạt động.`);
  const result = {
    unitId: unit.id,
    unitCode: unit.code,
    unitName: unit.name,
    organizationId: unit.organizationId,
  };
  if (unit.telegramChatId === input.chatId)
    return { ...result, replacedPreviousGroup: false, unchanged: true };

  const holder = await findUnitByTelegramChatId(prisma, input.chatId);
  if (holder && holder.id !== unit.id) {
    throw new AppError(
      'conflict',
      `Nhóm này đang được gắn với ${holder.name} (${holder.code}); mỗi nhóm chỉ nhận hồ sơ của một khoa/phòng.`,
    );
  }
  try {
    await setUnitTelegramChat(prisma, unit.id, input.chatId);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('conflict', 'Nhóm này vừa được gắn với một khoa/phòng khác.');
    }
    throw err;
  }
  await recordDirectoryEvent(
    ctx,
    { type: 'staff', staffId: staff.id },
    {
      organizationId: unit.organizationId,
      action: 'unit_group_linked',
      subjectType: 'unit',
      subjectId: unit.id,
      data: { chatId: input.chatId, replacedPreviousGroup: unit.telegramChatId !== null },
    },
  );
  ctx.logger.info({ unitId: unit.id, byStaffId: staff.id }, 'unit Telegram group linked');
  return { ...result, replacedPreviousGroup: unit.telegramChatId !== null, unchanged: false };
}

/**
 * Unlinks the unit's Telegram group: its cards stop going there (the group stays as it is). From
 * the console or the CLI, by an administrator of the unit's organisation. False: no group was linked.
 */
export async function unlinkUnitGroup(
  ctx: DirectoryContext,
  raw: { unitCode: string },
  actor: DirectoryActor = CLI_ACTOR,
): Promise<boolean> {
  const input = parseDirectoryInput(z.object({ unitCode: ZCodeSchema }).strict(), raw);
  const unit = await findUnitByCode(ctx.db.prisma, input.unitCode);
  if (!unit) throw new AppError('not_found', `Không tìm thấy khoa/phòng có mã "${input.unitCode}".`);
  await requireDirectoryAdmin(ctx, actor, unit.organizationId);
  if (unit.telegramChatId === null) return false;
  await setUnitTelegramChat(ctx.db.prisma, unit.id, null);
  await recordDirectoryEvent(ctx, actor, {
    organizationId: unit.organizationId,
    action: 'unit_group_unlinked',
    subjectType: 'unit',
    subjectId: unit.id,
    data: { chatId: unit.telegramChatId },
  });
  ctx.logger.info({ unitId: unit.id }, 'unit Telegram group unlinked');
  return true;
}

/** The unit whose group this chat is, or null: how the bot knows which unit a group speaks for. */
export async function findUnitByTelegramChat(ctx: Pick<DirectoryContext, 'db'>, chatId: string | number) {
  const unit = await findUnitByTelegramChatId(ctx.db.prisma, String(chatId));
  if (!unit || !unit.active) return null;
  return {
    unitId: unit.id,
    unitCode: unit.code,
    unitName: unit.name,
    organizationId: unit.organizationId,
    organizationCode: unit.organization.code,
    organizationName: unit.organization.name,
  };
}
