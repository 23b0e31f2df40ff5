// The only code that reads and writes staff, their roles and their invites.
import type { Db } from '../db/database.js';
import { Prisma } from '../db/generated/client.js';
import { queryRows } from '../db/raw-sql.js';
import type { Role } from '../db/generated/enums.js';
import type { StaffRow } from './staff-member.js';
import { changingDirectory } from './directory-cache.js';

const WITH_ROLES = {
  roles: { include: { unit: { select: { id: true, code: true, name: true } } } },
} as const;

export function insertStaffWithRoles(
  db: Db,
  data: {
    organizationId: string;
    fullName: string;
    title: string | null;
    roles: { role: Role; unitId: string | null }[];
  },
) {
  return changingDirectory(
    db,
    db.staff.create({
      data: {
        organizationId: data.organizationId,
        fullName: data.fullName,
        title: data.title,
        roles: {
          create: data.roles.map((r) => ({
            role: r.role,
            unitId: r.unitId,
            organizationId: data.organizationId,
          })),
        },
      },
      include: WITH_ROLES,
    }),
  );
}

export function findStaffWithRoles(db: Db, staffId: string) {
  return db.staff.findUnique({ where: { id: staffId }, include: WITH_ROLES });
}

export function findStaffByTelegramUserId(db: Db, telegramUserId: string) {
  return db.staff.findUnique({ where: { telegramUserId }, include: WITH_ROLES });
}

export function findStaffByName(db: Db, organizationId: string, fullName: string) {
  return db.staff.findMany({
    where: { organizationId, fullName: { equals: fullName, mode: 'insensitive' } },
    include: WITH_ROLES,
  });
}

/**
 * Adds a role unless the staff member already holds it (PostgreSQL treats two null unit ids as
 * different, so the unique index alone does not stop a second organisation-wide grant).
 */
export async function addStaffRole(
  db: Db,
  data: { staffId: string; organizationId: string; role: Role; unitId: string | null },
): Promise<boolean> {
  return changingDirectory(
    db,
    db.$transaction(async (tx) => {
      const existing = await tx.staffRole.findFirst({
        where: { staffId: data.staffId, role: data.role, unitId: data.unitId },
      });
      if (existing) return false;
      await tx.staffRole.create({ data });
      return true;
    }),
  );
}

export async function removeStaffRole(
  db: Db,
  data: { staffId: string; role: Role; unitId: string | null },
): Promise<boolean> {
  const { count } = await changingDirectory(
    db,
    db.staffRole.deleteMany({ where: { staffId: data.staffId, role: data.role, unitId: data.unitId } }),
  );
  return count > 0;
}

export function setStaffActive(db: Db, staffId: string, active: boolean) {
  return changingDirectory(db, db.staff.update({ where: { id: staffId }, data: { active } }));
}

/** One invite in force per staff member: a new one replaces any unused one. */
export function replaceStaffInvite(
  db: Db,
  data: { staffId: string; codeHash: string; expiresAt: Date; at: Date },
) {
  return db.$transaction(async (tx) => {
    await tx.staffInvite.deleteMany({ where: { staffId: data.staffId, usedAt: null } });
    return tx.staffInvite.create({
      data: { staffId: data.staffId, codeHash: data.codeHash, expiresAt: data.expiresAt, createdAt: data.at },
    });
  });
}

export type InviteRedemption =
  | { status: 'redeemed'; staffId: string }
  | { status: 'unknown' | 'used' | 'expired' | 'inactive' | 'telegram_taken' };

/**
 * Marks the invite used and binds the Telegram account to its staff row in one transaction. The
 * conditional update (`usedAt` still null) is what makes a second use fail, even when two arrive
 * at once. A Telegram account already bound to someone else is refused; binding the same person
 * to a new account (a lost phone) is allowed.
 */
export function redeemStaffInvite(
  db: Db,
  data: { codeHash: string; telegramUserId: string; at: Date },
): Promise<InviteRedemption> {
  return changingDirectory(db, redeemStaffInviteNow(db, data));
}

function redeemStaffInviteNow(
  db: Db,
  data: { codeHash: string; telegramUserId: string; at: Date },
): Promise<InviteRedemption> {
  return db.$transaction(async (tx) => {
    const invite = await tx.staffInvite.findUnique({
      where: { codeHash: data.codeHash },
      include: { staff: { select: { id: true, active: true } } },
    });
    if (!invite) return { status: 'unknown' };
    if (invite.usedAt) return { status: 'used' };
    if (invite.expiresAt.getTime() <= data.at.getTime()) return { status: 'expired' };
    if (!invite.staff.active) return { status: 'inactive' };
    const holder = await tx.staff.findUnique({
      where: { telegramUserId: data.telegramUserId },
      select: { id: true },
    });
    if (holder && holder.id !== invite.staffId) return { status: 'telegram_taken' };
    const taken = await tx.staffInvite.updateMany({
      where: { id: invite.id, usedAt: null },
      data: { usedAt: data.at },
    });
    if (taken.count !== 1) return { status: 'used' };
    await tx.staff.update({ where: { id: invite.staffId }, data: { telegramUserId: data.telegramUserId } });
    return { status: 'redeemed', staffId: invite.staffId };
  });
}

/**
 * Active staff of the organisation holding `role` (org-wide when `unitId` is null, else for that
 * unit) with a Telegram account, each with all their roles, oldest first: one statement, where a
 * list then `findStaffWithRoles` for each read three more per person (decision 0103). Callers with
 * the app's settings read it through the directory cache (decision 0117).
 */
export async function listStaffWithTelegramAndRoles(
  db: Db,
  input: { organizationId: string; role: Role; unitId: string | null },
) {
  return queryRows<StaffRow>(
    db,
    Prisma.sql`
    SELECT s.id, s."organizationId", s."fullName", s.title, s.active, s."telegramUserId",
      (SELECT coalesce(json_agg(json_build_object(
                'role', r.role, 'unitId', r."unitId",
                'unit', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('code', u.code, 'name', u.name) END)
              ORDER BY r.id), '[]')
         FROM "staff_roles" r LEFT JOIN "units" u ON u.id = r."unitId"
         WHERE r."staffId" = s.id) AS roles
    FROM "staff" s
    WHERE s."organizationId" = ${input.organizationId}::uuid
      AND s.active AND s."telegramUserId" IS NOT NULL
      AND EXISTS (SELECT 1 FROM "staff_roles" h
                  WHERE h."staffId" = s.id AND h.role = ${input.role}::"Role"
                    AND h."unitId" IS NOT DISTINCT FROM ${input.unitId}::uuid)
    ORDER BY s.id`,
  );
}
