// Who a filed report goes to, and who hears that one is late: each recipient resolved to Telegram
// conversations (a unit's linked group, staff accounts), with a key for the notification's dedupe key.
import type { AppContext } from '../../app-context.js';
import type { ConversationRef } from '../../dialog/dialog-types.js';
import {
  findOrganizationIdByCode,
  findUnitGroupByCode,
  listOrgLeadersWithTelegram,
  listOrgStaffWithRole,
} from './report-filing.repository.js';
import { ZReportRecipientSchema, type ReportRecipient } from './report-schedule.js';

export interface ReachedRecipient {
  key: string;
  ref: ConversationRef;
}

const tg = (conversationId: string): ConversationRef => ({ channel: 'telegram', conversationId });

/** The stored recipients; an entry that no longer parses is skipped (and logged), not fatal. */
export function parseRecipients(ctx: Pick<AppContext, 'logger'>, raw: unknown): ReportRecipient[] {
  const list = Array.isArray(raw) ? raw : [];
  const out: ReportRecipient[] = [];
  for (const entry of list) {
    const parsed = ZReportRecipientSchema.safeParse(entry);
    if (parsed.success) out.push(parsed.data);
    else ctx.logger.warn({ entry }, 'report recipient skipped: not a recipient');
  }
  return out;
}

export async function organizationLeaders(
  ctx: AppContext,
  organizationId: string,
): Promise<ReachedRecipient[]> {
  return (await listOrgLeadersWithTelegram(ctx.db.prisma, organizationId)).map((s) => ({
    key: `staff:${s.id}`,
    ref: tg(s.telegramUserId!),
  }));
}

/** Every Telegram conversation the recipients stand for, once each. */
export async function resolveRecipients(
  ctx: AppContext,
  organizationId: string,
  recipients: readonly ReportRecipient[],
): Promise<ReachedRecipient[]> {
  const { prisma } = ctx.db;
  const out = new Map<string, ReachedRecipient>();
  for (const r of recipients) {
    switch (r.kind) {
      case 'unit': {
        const unit = await findUnitGroupByCode(prisma, r.unitCode);
        if (unit?.active && unit.telegramChatId)
          out.set(`unit:${unit.id}`, { key: `unit:${unit.id}`, ref: tg(unit.telegramChatId) });
        break;
      }
      case 'role':
        for (const s of await listOrgStaffWithRole(prisma, organizationId, r.role))
          out.set(`staff:${s.id}`, { key: `staff:${s.id}`, ref: tg(s.telegramUserId!) });
        break;
      case 'organization': {
        const org = await findOrganizationIdByCode(prisma, r.organizationCode);
        if (org) for (const l of await organizationLeaders(ctx, org.id)) out.set(l.key, l);
        break;
      }
      default: {
        const unknown: never = r;
        throw new Error(`unknown recipient ${JSON.stringify(unknown)}`);
      }
    }
  }
  return [...out.values()];
}

/** "Phòng Tổ chức – Hành chính (nhóm), lãnh đạo Sở Y tế TP.HCM" — for the CLI's list. */
export function describeRecipientsVi(recipients: readonly ReportRecipient[]): string {
  return recipients
    .map((r) => {
      switch (r.kind) {
        case 'unit':
          return `nhóm Telegram của ${r.unitCode}`;
        case 'role':
          return `cán bộ có vai trò ${r.role}`;
        case 'organization':
          return `lãnh đạo ${r.organizationCode}`;
        default: {
          const unknown: never = r;
          return String(unknown);
        }
      }
    })
    .join(', ');
}
