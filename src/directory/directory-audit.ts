// Who changes the directory, and the record of each change (decision 0050). The CLI is the server's
// operator and acts as the installation's administrator; a staff member (the web console) may
// change only the organisations they administer: their own, and the ones under it when theirs is a
// managing body. The record names ids and codes only, never a person's name or phone.
import type { Prisma } from '../db/generated/client.js';
import type { Db } from '../db/database.js';
import { AppError } from '../core/app-error.js';
import type { DirectoryContext } from './directory-context.js';
import { isUuid } from './directory-input.js';
import { loadOrganizationTree, organizationsBelowIn } from './organization-tree.js';

export type DirectoryActor = { type: 'cli' } | { type: 'staff'; staffId: string };

export const CLI_ACTOR: DirectoryActor = { type: 'cli' };

/** Every kind of administration change; the audit's `action`, and the console's label key. */
export const DIRECTORY_ACTIONS = [
  'organization_created',
  'organization_updated',
  'organization_settings_changed',
  'unit_created',
  'staff_created',
  'staff_deactivated',
  'staff_role_granted',
  'staff_role_revoked',
  'staff_invite_issued',
  'unit_group_linked',
  'unit_group_unlinked',
  'duty_shift_set',
  'duty_shift_removed',
  'routing_rule_created',
  'routing_rule_switched',
  'calendar_day_set',
  'calendar_day_removed',
] as const;
export type DirectoryAction = (typeof DIRECTORY_ACTIONS)[number];

export type DirectorySubject =
  'organization' | 'unit' | 'staff' | 'routing_rule' | 'calendar_day' | 'duty_shift';

export interface DirectoryEventInput {
  organizationId: string | null;
  action: DirectoryAction;
  subjectType: DirectorySubject;
  subjectId: string | null;
  /** Ids, codes and the values changed; never names of people, phones or case text. */
  data?: Prisma.InputJsonValue;
}

export async function recordDirectoryEvent(
  ctx: Pick<DirectoryContext, 'db' | 'clock'>,
  actor: DirectoryActor,
  event: DirectoryEventInput,
): Promise<void> {
  await ctx.db.prisma.directoryEvent.create({
    data: {
      organizationId: event.organizationId,
      action: event.action,
      actorType: actor.type === 'staff' ? 'staff' : 'system',
      actorStaffId: actor.type === 'staff' ? actor.staffId : null,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      ...(event.data !== undefined ? { data: event.data } : {}),
      createdAt: ctx.clock.now(),
    },
  });
}

export function listDirectoryEvents(db: Db, where: { organizationId?: string | null; take?: number } = {}) {
  return db.directoryEvent.findMany({
    where: where.organizationId === undefined ? {} : { organizationId: where.organizationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: where.take ?? 100,
  });
}

/**
 * The organisations a staff member administers: for each organisation-wide `admin` role, that
 * organisation and every one below it. Empty for everyone else (and for deactivated staff).
 */
export async function administeredOrganizationIds(
  ctx: Pick<DirectoryContext, 'db'>,
  staffId: string,
): Promise<string[]> {
  if (!isUuid(staffId)) return [];
  const staff = await ctx.db.prisma.staff.findUnique({
    where: { id: staffId },
    select: { active: true, organizationId: true, roles: { select: { role: true, unitId: true } } },
  });
  if (!staff?.active) return [];
  if (!staff.roles.some((r) => r.role === 'admin' && r.unitId === null)) return [];
  const tree = await loadOrganizationTree(ctx.db.prisma);
  return [staff.organizationId, ...organizationsBelowIn(tree, staff.organizationId)];
}

export const NOT_AN_ADMINISTRATOR =
  'Chỉ quản trị viên của đơn vị (hoặc của cơ quan quản lý đơn vị) mới làm được việc này.';

/** Refuses a staff actor who does not administer the organisation; the CLI may change any. */
export async function requireDirectoryAdmin(
  ctx: Pick<DirectoryContext, 'db'>,
  actor: DirectoryActor,
  organizationId: string | null,
): Promise<void> {
  if (actor.type === 'cli') return;
  // The national calendar belongs to the installation, not to any one organisation.
  if (organizationId === null) throw new AppError('forbidden', NOT_AN_ADMINISTRATOR);
  const ids = await administeredOrganizationIds(ctx, actor.staffId);
  if (!ids.includes(organizationId)) throw new AppError('forbidden', NOT_AN_ADMINISTRATOR);
}
