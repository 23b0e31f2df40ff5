// The hotline duty roster (Chỉ thị 09/CT-BYT: the line is answered 24/7 by an assigned officer).
// Shifts are set by an administrator or a leader (CLI or `/truc <từ> | <đến> | <họ tên>`), or taken
// by a hotline officer (`/truc nhan`); the officer on duty is who urgent cases are pushed to.
// Several officers may be on duty at once.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { isUuid } from '../core/ids.js';
import { findOrganizationById } from '../directory/directory.repository.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { CLI_ACTOR, recordDirectoryEvent, type DirectoryActor } from '../directory/directory-audit.js';
import { checkShift, formatVietnamTime, parseShiftInstant } from './duty-shift.js';
import { DUTY_OFFICER_ROLE, ROSTER_MANAGER_ROLES } from './hotline-roles.js';
import {
  deleteDutyShift,
  findDutyShift,
  findOverlappingShiftOfStaff,
  insertDutyShift,
  listDutyShiftsBetween,
} from './hotline.repository.js';

type HotlineContext = Pick<AppContext, 'db' | 'clock' | 'logger'>;

export interface DutyOfficer {
  shiftId: string;
  staffId: string;
  fullName: string;
  title: string | null;
  /** Where to push urgent cases; null when the officer has not joined the bot yet. */
  telegramUserId: string | null;
  startsAt: Date;
  endsAt: Date;
}

export interface SetDutyShiftInput {
  organizationId: string;
  staffId: string;
  /** A Date, or text such as 2026-03-02T07:00 (Vietnam time when no offset is given). */
  startsAt: Date | string;
  endsAt: Date | string;
  /** Who sets it, when it comes from the bot or the dashboard; the CLI acts as the administrator. */
  byStaffId?: string;
}

export async function setDutyShift(ctx: HotlineContext, input: SetDutyShiftInput): Promise<DutyOfficer> {
  const { prisma } = ctx.db;
  const startsAt = instant(input.startsAt, 'bắt đầu');
  const endsAt = instant(input.endsAt, 'kết thúc');
  const check = checkShift(startsAt, endsAt);
  if (!check.ok) throw new AppError('validation', check.message);

  const org = isUuid(input.organizationId) ? await findOrganizationById(prisma, input.organizationId) : null;
  if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị.');
  if (input.byStaffId) await requireRosterManager(ctx, input.byStaffId, org.id);

  const officer = await loadActiveStaff(ctx, input.staffId);
  if (officer.organizationId !== org.id) {
    throw new AppError('unprocessable', 'Cán bộ trực không thuộc đơn vị này.');
  }
  if (!officer.roles.some((r) => r.role === DUTY_OFFICER_ROLE)) {
    throw new AppError(
      'unprocessable',
      'Cán bộ chưa được giao vai trò trực đường dây nóng (hotline); hãy cấp vai trò trước khi xếp ca.',
    );
  }
  const clash = await findOverlappingShiftOfStaff(prisma, officer.id, startsAt, endsAt);
  if (clash) {
    throw new AppError(
      'conflict',
      `Cán bộ đã có ca trực từ ${formatVietnamTime(clash.startsAt)} đến ${formatVietnamTime(clash.endsAt)} trùng thời gian.`,
    );
  }
  const shift = await insertDutyShift(prisma, {
    organizationId: org.id,
    staffId: officer.id,
    startsAt,
    endsAt,
    at: ctx.clock.now(),
  });
  await recordDirectoryEvent(ctx, actorOf(input.byStaffId), {
    organizationId: org.id,
    action: 'duty_shift_set',
    subjectType: 'duty_shift',
    subjectId: shift.id,
    data: { staffId: officer.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
  });
  ctx.logger.info({ shiftId: shift.id, organizationId: org.id, staffId: officer.id }, 'duty shift set');
  return toOfficer(shift);
}

export async function removeDutyShift(
  ctx: HotlineContext,
  input: { shiftId: string; byStaffId?: string },
): Promise<void> {
  const shift = isUuid(input.shiftId) ? await findDutyShift(ctx.db.prisma, input.shiftId) : null;
  if (!shift) throw new AppError('not_found', 'Không tìm thấy ca trực.');
  if (input.byStaffId) await requireRosterManager(ctx, input.byStaffId, shift.organizationId);
  await deleteDutyShift(ctx.db.prisma, shift.id);
  await recordDirectoryEvent(ctx, actorOf(input.byStaffId), {
    organizationId: shift.organizationId,
    action: 'duty_shift_removed',
    subjectType: 'duty_shift',
    subjectId: shift.id,
  });
  ctx.logger.info({ shiftId: shift.id }, 'duty shift removed');
}

/** The officers on duty at `at` (now by default), earliest shift first; empty when nobody is. */
export async function whoIsOnDuty(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  organizationId: string,
  at: Date = ctx.clock.now(),
): Promise<DutyOfficer[]> {
  if (!isUuid(organizationId)) return [];
  const rows = await listDutyShiftsBetween(ctx.db.prisma, organizationId, at, new Date(at.getTime() + 1));
  return rows.filter((r) => r.staff.active).map(toOfficer);
}

/** The roster between two instants (shifts overlapping it), earliest first. */
export async function listDutyShifts(
  ctx: Pick<AppContext, 'db'>,
  organizationId: string,
  from: Date,
  to: Date,
): Promise<DutyOfficer[]> {
  if (!isUuid(organizationId)) return [];
  return (await listDutyShiftsBetween(ctx.db.prisma, organizationId, from, to)).map(toOfficer);
}

async function requireRosterManager(ctx: HotlineContext, staffId: string, organizationId: string) {
  const by = await loadActiveStaff(ctx, staffId);
  const allowed =
    by.organizationId === organizationId &&
    by.roles.some((r) => (ROSTER_MANAGER_ROLES as readonly string[]).includes(r.role) && r.unitId === null);
  if (!allowed) {
    throw new AppError(
      'forbidden',
      'Chỉ quản trị viên hoặc lãnh đạo đơn vị mới xếp lịch trực đường dây nóng.',
    );
  }
}

/** The bot and the console name who acts; without a name it is the CLI, the server's operator. */
function actorOf(byStaffId: string | undefined): DirectoryActor {
  return byStaffId ? { type: 'staff', staffId: byStaffId } : CLI_ACTOR;
}

function instant(value: Date | string, which: string): Date {
  const parsed = typeof value === 'string' ? parseShiftInstant(value) : value;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new AppError(
      'validation',
      `Giờ ${which} ca trực không hợp lệ: dùng dạng 2026-03-02T07:00 (giờ Việt Nam) hoặc kèm múi giờ.`,
    );
  }
  return parsed;
}

function toOfficer(row: {
  id: string;
  startsAt: Date;
  endsAt: Date;
  staff: { id: string; fullName: string; title: string | null; telegramUserId: string | null };
}): DutyOfficer {
  return {
    shiftId: row.id,
    staffId: row.staff.id,
    fullName: row.staff.fullName,
    title: row.staff.title,
    telegramUserId: row.staff.telegramUserId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  };
}
