// Who hears about a case's deadline, by rung of the ladder. Every person (and a unit's group) is
// checked with canViewCase first: competence can keep a unit or a leader off a case.
import type { AppContext } from '../app-context.js';
import { canViewCase, type CaseScope, type StaffPrincipal } from '../cases/case-permissions.js';
import type { ConversationRef } from '../dialog/dialog-types.js';
import { findStaff, listStaffOnTelegramWithRole } from '../directory/resolve-staff.js';
import type { Role } from '../db/generated/enums.js';
import type { MilestoneAudience } from './milestone-plan.js';

export interface MilestoneRecipient {
  /** `staff:<id>` or `unit:<id>`: part of the notification's dedupe key. */
  key: string;
  ref: ConversationRef;
}

export interface CaseForRecipients {
  organizationId: string;
  unitId: string | null;
  assigneeId: string | null;
}

const tg = (conversationId: string): ConversationRef => ({ channel: 'telegram', conversationId });

/** A unit's group, as permission checks see it: what a handler and the head of that unit may see. */
export const unitGroupPrincipal = (organizationId: string, unitId: string): StaffPrincipal => ({
  id: `unit:${unitId}`,
  organizationId,
  roles: [
    { role: 'handler', unitId },
    { role: 'unit_head', unitId },
  ],
});

async function staffHolding(
  ctx: AppContext,
  scope: CaseScope,
  input: { organizationId: string; role: Role; unitId: string | null },
): Promise<MilestoneRecipient[]> {
  // Each with their roles in the one statement (decision 0103).
  const out: MilestoneRecipient[] = [];
  for (const staff of await listStaffOnTelegramWithRole(ctx, input)) {
    if (canViewCase(staff, scope)) out.push({ key: `staff:${staff.id}`, ref: tg(staff.telegramUserId!) });
  }
  return out;
}

async function handlerRecipients(
  ctx: AppContext,
  c: CaseForRecipients,
  scope: CaseScope,
): Promise<MilestoneRecipient[]> {
  const { prisma } = ctx.db;
  if (c.assigneeId) {
    const row = await prisma.staff.findUnique({
      where: { id: c.assigneeId },
      select: { id: true, telegramUserId: true, active: true },
    });
    const staff = row?.active && row.telegramUserId ? await findStaff(ctx, row.id) : null;
    if (staff && canViewCase(staff, scope))
      return [{ key: `staff:${row!.id}`, ref: tg(row!.telegramUserId!) }];
  }
  if (c.unitId) {
    const unit = await prisma.unit.findUnique({
      where: { id: c.unitId },
      select: { id: true, telegramChatId: true, active: true },
    });
    if (
      unit?.active &&
      unit.telegramChatId &&
      canViewCase(unitGroupPrincipal(c.organizationId, unit.id), scope)
    )
      return [{ key: `unit:${unit.id}`, ref: tg(unit.telegramChatId) }];
    const handlers = await staffHolding(ctx, scope, {
      organizationId: c.organizationId,
      role: 'handler',
      unitId: c.unitId,
    });
    if (handlers.length) return handlers;
  }
  // No unit (or nobody in it reachable): the receiving office holds the case.
  return staffHolding(ctx, scope, { organizationId: c.organizationId, role: 'receiver', unitId: null });
}

/** The people a milestone addressed to `audience` goes to; a rung with nobody reachable passes it up. */
export async function resolveMilestoneRecipients(
  ctx: AppContext,
  c: CaseForRecipients,
  scope: CaseScope,
  audience: MilestoneAudience,
): Promise<MilestoneRecipient[]> {
  if (audience === 'handler') return handlerRecipients(ctx, c, scope);
  if (audience === 'unit_head' && c.unitId) {
    const heads = await staffHolding(ctx, scope, {
      organizationId: c.organizationId,
      role: 'unit_head',
      unitId: c.unitId,
    });
    if (heads.length) return heads;
  }
  return staffHolding(ctx, scope, { organizationId: c.organizationId, role: 'leader', unitId: null });
}
