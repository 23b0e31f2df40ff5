// The leaders' weekly hotline review (Chỉ thị 09/CT-BYT): Monday morning, the hotline cases of the
// seven days before, with their state. Once per (organisation, week, leader) by dedupe key.
import type { AppContext } from '../app-context.js';
import {
  addDays,
  fromDbDate,
  toVietnamDate,
  vietnamDayStart,
  type LocalDate,
} from '../calendar/local-date.js';
import { canViewCase } from '../cases/case-permissions.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import type { CaseKind, CaseStatus } from '../cases/case-vocabulary.js';
import { findStaff } from '../directory/resolve-staff.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { listStaffWithTelegram } from '../officer/officer.repository.js';
import { buildHotlineReview, mondayOf, type HotlineReviewCase } from './digest.js';
import { listHotlineCases, listOrganizations } from './reports.repository.js';

export interface HotlineReviewResult {
  weekOf: LocalDate;
  organizations: number;
  messages: number;
}

export async function sendHotlineReviews(ctx: AppContext, weekOf?: LocalDate): Promise<HotlineReviewResult> {
  const { prisma } = ctx.db;
  const today = toVietnamDate(ctx.clock.now());
  const monday = mondayOf(weekOf ?? today);
  const from = vietnamDayStart(addDays(monday, -7));
  const to = vietnamDayStart(monday);
  const result: HotlineReviewResult = { weekOf: monday, organizations: 0, messages: 0 };
  for (const org of await listOrganizations(prisma)) {
    const leaders = await listStaffWithTelegram(prisma, {
      organizationId: org.id,
      role: 'leader',
      unitId: null,
    });
    if (leaders.length === 0) continue;
    result.organizations++;
    const rows = await listHotlineCases(prisma, org.id, from, to);
    const cases = await Promise.all(
      rows.map(async (r) => {
        const dueOn = r.governingDueOn ? fromDbDate(r.governingDueOn) : null;
        const view: HotlineReviewCase = {
          code: r.code,
          kind: r.kind as CaseKind,
          status: r.status as CaseStatus,
          receivedOn: toVietnamDate(r.receivedAt),
          dueOn,
          overdue: dueOn !== null && !r.paused && today > dueOn,
        };
        return { view, scope: (await loadCaseWithScope(ctx, r.id)).scope };
      }),
    );
    for (const leader of leaders) {
      const staff = await findStaff(ctx, leader.id);
      if (!staff) continue;
      const content = buildHotlineReview({
        weekOf: monday,
        organizationName: org.name,
        cases: cases.filter((c) => canViewCase(staff, c.scope)).map((c) => c.view),
      });
      const sent = await enqueueNotification(ctx, {
        channel: 'telegram',
        recipient: { channel: 'telegram', conversationId: leader.telegramUserId! },
        content,
        dedupeKey: `hotline-review:${org.id}:${monday}:leader:${leader.id}`,
      });
      if (sent.created) result.messages++;
    }
  }
  ctx.logger.info(result, 'weekly hotline reviews');
  return result;
}
