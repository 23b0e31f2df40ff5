// The daily early-warning job: per organisation, the spikes of detectSpikes (early-warning.ts) are
// stored once (unique per unit, kind and window) and, the first time only, told to the unit's
// group, its heads and the organisation's leaders through the notify outbox, with the cases behind
// each (their codes: no text, no names). A re-run the same day finds them stored and sends nothing.
import type { AppContext } from '../app-context.js';
import {
  addDays,
  formatVietnameseDate,
  toVietnamDate,
  vietnamDayStart,
  type LocalDate,
} from '../calendar/local-date.js';
import { canViewCase, type StaffPrincipal } from '../cases/case-permissions.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { CASE_KIND_LABELS } from '../cases/case-vocabulary.js';
import { unitGroupPrincipal } from '../deadlines/milestone-recipients.js';
import { findStaff } from '../directory/resolve-staff.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { listStaffWithTelegram } from '../officer/officer.repository.js';
import { listOrganizations, listUnitsWithGroup } from '../reports/reports.repository.js';
import { detectSpikes, earlyWarningPeriod, type Spike } from './early-warning.js';
import { listCasesReceivedBetween, saveEarlyWarning } from './early-warning.repository.js';

export interface EarlyWarningResult {
  date: LocalDate;
  flagged: number;
  messages: number;
}

export function earlyWarningText(spike: Spike, unitName: string | null, codes: readonly string[]): string {
  const where = unitName ?? 'chưa phân khoa/phòng';
  return [
    `⚠️ Cảnh báo sớm: ${spike.count} hồ sơ ${CASE_KIND_LABELS[spike.kind].vi.toLowerCase()} về ${where} từ ${formatVietnameseDate(spike.windowStart)} đến ${formatVietnameseDate(spike.windowEnd)}; mức thường gặp khoảng ${spike.expected.toLocaleString('vi-VN')} hồ sơ.`,
    `Các hồ sơ: ${codes.join(', ')}.`,
    'Xem từng hồ sơ bằng /xem <mã>.',
  ].join('\n');
}

export async function flagEarlyWarnings(ctx: AppContext, date?: LocalDate): Promise<EarlyWarningResult> {
  const { prisma } = ctx.db;
  const settings = ctx.config.triage.earlyWarning;
  const today = date ?? toVietnamDate(ctx.clock.now());
  const period = earlyWarningPeriod(today, settings);
  const result: EarlyWarningResult = { date: today, flagged: 0, messages: 0 };
  for (const org of await listOrganizations(prisma)) {
    const rows = await listCasesReceivedBetween(
      prisma,
      org.id,
      vietnamDayStart(period.baselineStart),
      vietnamDayStart(addDays(period.windowEnd, 1)),
    );
    const spikes = detectSpikes(
      rows.map((r) => ({
        id: r.id,
        unitId: r.unitId,
        kind: r.kind,
        receivedOn: toVietnamDate(r.receivedAt),
      })),
      today,
      settings,
    );
    if (spikes.length === 0) continue;
    const codeOf = new Map(rows.map((r) => [r.id, r.code]));
    const groups = await listUnitsWithGroup(prisma, org.id);
    const units = await prisma.unit.findMany({
      where: { organizationId: org.id },
      select: { id: true, name: true },
    });
    const leaders = await listStaffWithTelegram(prisma, {
      organizationId: org.id,
      role: 'leader',
      unitId: null,
    });
    for (const spike of spikes) {
      const warningId = await saveEarlyWarning(prisma, org.id, spike);
      if (!warningId) continue;
      result.flagged++;
      ctx.logger.info(
        { organizationId: org.id, unitKey: spike.unitKey, kind: spike.kind, count: spike.count },
        'early warning flagged',
      );
      const scopes = await Promise.all(
        spike.caseIds.map(async (id) => (await loadCaseWithScope(ctx, id)).scope),
      );
      const unitName = units.find((u) => u.id === spike.unitKey)?.name ?? null;
      const send = async (conversationId: string, reader: StaffPrincipal, key: string) => {
        const codes = spike.caseIds
          .filter((_, i) => canViewCase(reader, scopes[i]!))
          .map((id) => codeOf.get(id)!);
        if (codes.length === 0) return;
        const sent = await enqueueNotification(ctx, {
          channel: 'telegram',
          recipient: { channel: 'telegram', conversationId },
          content: { text: earlyWarningText(spike, unitName, codes) },
          dedupeKey: `early-warning:${warningId}:${key}`,
        });
        if (sent.created) result.messages++;
      };
      const group = groups.find((g) => g.id === spike.unitKey);
      if (group) await send(group.telegramChatId!, unitGroupPrincipal(org.id, group.id), `unit:${group.id}`);
      const heads =
        spike.unitKey === '-'
          ? []
          : await listStaffWithTelegram(prisma, {
              organizationId: org.id,
              role: 'unit_head',
              unitId: spike.unitKey,
            });
      for (const person of [...heads, ...leaders.filter((l) => !heads.some((h) => h.id === l.id))]) {
        const staff = await findStaff(ctx, person.id);
        if (staff) await send(person.telegramUserId!, staff, `staff:${person.id}`);
      }
    }
  }
  return result;
}
