// The morning digest on working days: each unit's group gets its overdue, due-today and due-soon
// cases; each leader the organisation's overdue ones. A day off in the organisation's calendar has
// no digest. Dedupe keys per (organisation, date, recipient) make a re-run send nothing new.
import type { AppContext } from '../app-context.js';
import { fromDbDate, toVietnamDate, type LocalDate } from '../calendar/local-date.js';
import { canViewCase, type CaseScope } from '../cases/case-permissions.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import type { CaseKind } from '../cases/case-vocabulary.js';
import { DEFAULT_DUE_SOON_WORKING_DAYS } from '../deadlines/clock.js';
import { deadlineSettingsOf } from '../deadlines/deadline.service.js';
import { unitGroupPrincipal } from '../deadlines/milestone-recipients.js';
import { findStaff } from '../directory/resolve-staff.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { listStaffWithTelegram } from '../officer/officer.repository.js';
import { buildLeadersDigest, buildUnitDigest, selectDigestEntries, type DigestEntry } from './digest.js';
import {
  listOrganizations,
  listRunningClocksOfOrganization,
  listUnitsWithGroup,
} from './reports.repository.js';

export interface DigestResult {
  date: LocalDate;
  organizations: number;
  skippedDayOff: number;
  messages: number;
}

export async function sendDailyDigests(ctx: AppContext, date?: LocalDate): Promise<DigestResult> {
  const { prisma } = ctx.db;
  const today = date ?? toVietnamDate(ctx.clock.now());
  const result: DigestResult = { date: today, organizations: 0, skippedDayOff: 0, messages: 0 };
  for (const org of await listOrganizations(prisma)) {
    const { calendar } = await deadlineSettingsOf(ctx, org.id);
    if (calendar.isDayOff(today)) {
      result.skippedDayOff++;
      continue;
    }
    result.organizations++;
    const clocks = await listRunningClocksOfOrganization(prisma, org.id);
    const entries = selectDigestEntries(
      clocks.map((c) => ({
        caseId: c.case.id,
        code: c.case.code,
        kind: c.case.kind as CaseKind,
        unitId: c.case.unitId,
        unitName: c.case.unit?.name ?? null,
        clockKind: c.kind,
        dueOn: fromDbDate(c.dueOn),
      })),
      calendar,
      today,
      DEFAULT_DUE_SOON_WORKING_DAYS,
    );
    if (entries.length === 0) continue;
    const scopes = new Map<string, CaseScope>();
    for (const e of entries) scopes.set(e.caseId, (await loadCaseWithScope(ctx, e.caseId)).scope);
    const send = async (conversationId: string, content: ReturnType<typeof buildUnitDigest>, key: string) => {
      if (!content) return;
      const sent = await enqueueNotification(ctx, {
        channel: 'telegram',
        recipient: { channel: 'telegram', conversationId },
        content,
        dedupeKey: `digest:${org.id}:${today}:${key}`,
      });
      if (sent.created) result.messages++;
    };

    for (const unit of await listUnitsWithGroup(prisma, org.id)) {
      const group = unitGroupPrincipal(org.id, unit.id);
      const mine = entries.filter((e) => e.unitId === unit.id && canViewCase(group, scopes.get(e.caseId)!));
      await send(
        unit.telegramChatId!,
        buildUnitDigest({ date: today, unitName: unit.name, entries: mine }),
        `unit:${unit.id}`,
      );
    }
    for (const leader of await listStaffWithTelegram(prisma, {
      organizationId: org.id,
      role: 'leader',
      unitId: null,
    })) {
      const staff = await findStaff(ctx, leader.id);
      if (!staff) continue;
      const visible: DigestEntry[] = entries.filter((e) => canViewCase(staff, scopes.get(e.caseId)!));
      await send(
        leader.telegramUserId!,
        buildLeadersDigest({ date: today, organizationName: org.name, entries: visible }),
        `leader:${leader.id}`,
      );
    }
  }
  ctx.logger.info(result, 'daily digests');
  return result;
}
