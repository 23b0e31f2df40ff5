// The daily job of periodic reports: on a working day, each definition whose next report has
// reached its draft day gets that report drafted (once: unique per definition and period); and a
// report not filed by its due date climbs the organisation's escalation ladder like a late case
// (Organization.settings.escalationLadder, src/directory/organization-settings.ts): the first rung
// tells the organisation's leaders who must sign it, the second the managing body's leaders.
import type { AppContext } from '../../app-context.js';
import {
  formatVietnameseDate,
  fromDbDate,
  toVietnamDate,
  type LocalDate,
} from '../../calendar/local-date.js';
import type { WorkingCalendar } from '../../calendar/working-calendar.js';
import { parseDeadlinePolicy, type EscalationLevel } from '../../directory/organization-settings.js';
import { enqueueNotification } from '../../notify/enqueue-notification.js';
import { createWorkingCalendar } from '../../calendar/working-calendar.js';
import { loadCalendarOverrides } from '../../deadlines/deadline.service.js';
import type { PeriodicReportDeps } from './report-documents.js';
import {
  changeFilingOnce,
  listActiveDefinitions,
  listDraftsWithoutFile,
  listUnfiledDueBy,
  type DefinitionRow,
  type FilingRow,
} from './report-filing.repository.js';
import { draftPeriodicReport, sendDraft } from './periodic-report-filing.js';
import { organizationLeaders, type ReachedRecipient } from './report-recipients.js';
import { reportToDraft, ZReportScheduleSchema, type ReportSchedule } from './report-schedule.js';

export interface ScheduleRunResult {
  day: LocalDate;
  drafted: string[];
  escalations: number;
}

/** A stored definition as a schedule; null (and logged) when an admin's edit left it unusable. */
function scheduleOf(ctx: AppContext, d: DefinitionRow): ReportSchedule | null {
  const parsed = ZReportScheduleSchema.safeParse({
    periodKind: d.periodKind,
    dueMonths: d.dueMonths,
    dueDay: d.dueDay,
    draftWorkingDaysBefore: d.draftWorkingDaysBefore,
  });
  if (!parsed.success) {
    ctx.logger.warn({ definitionId: d.id }, 'report definition skipped: not a valid schedule');
    return null;
  }
  return parsed.data;
}

export async function runReportSchedules(
  ctx: AppContext,
  deps: PeriodicReportDeps,
  day?: LocalDate,
): Promise<ScheduleRunResult> {
  const today = day ?? toVietnamDate(ctx.clock.now());
  const calendars = new Map<string, WorkingCalendar>();
  const calendarOf = async (organizationId: string) => {
    let c = calendars.get(organizationId);
    if (!c)
      calendars.set(
        organizationId,
        (c = createWorkingCalendar({
          overrides: await loadCalendarOverrides(ctx.db.prisma, organizationId),
        })),
      );
    return c;
  };
  const result: ScheduleRunResult = { day: today, drafted: [], escalations: 0 };

  for (const definition of await listActiveDefinitions(ctx.db.prisma)) {
    const schedule = scheduleOf(ctx, definition);
    if (!schedule) continue;
    const calendar = await calendarOf(definition.organizationId);
    // Drafts are made on working days only; a missed draft day is caught up on the next one.
    if (calendar.isDayOff(today)) continue;
    const occurrence = reportToDraft(schedule, today, calendar);
    if (!occurrence) continue;
    const drafted = await draftPeriodicReport(ctx, deps, definition, occurrence);
    if (drafted.created) result.drafted.push(drafted.ref);
  }
  // A draft whose rendering failed before: made now.
  for (const filing of await listDraftsWithoutFile(ctx.db.prisma)) await sendDraft(ctx, deps, filing);

  for (const filing of await listUnfiledDueBy(ctx.db.prisma, new Date(`${today}T00:00:00Z`))) {
    result.escalations += await escalateLateReport(
      ctx,
      filing,
      today,
      await calendarOf(filing.organizationId),
    );
  }
  ctx.logger.info(
    { day: today, drafted: result.drafted.length, escalations: result.escalations },
    'periodic report schedules',
  );
  return result;
}

async function rungRecipients(
  ctx: AppContext,
  filing: FilingRow,
  level: EscalationLevel,
): Promise<ReachedRecipient[]> {
  switch (level) {
    case 'unit_head':
      return organizationLeaders(ctx, filing.organizationId);
    case 'leaders':
      return filing.organization.parentId ? organizationLeaders(ctx, filing.organization.parentId) : [];
    default: {
      const unknown: never = level;
      throw new Error(`unknown escalation level ${String(unknown)}`);
    }
  }
}

/** The rungs due by `today` and not yet climbed; returns the messages queued. */
async function escalateLateReport(
  ctx: AppContext,
  filing: FilingRow,
  today: LocalDate,
  calendar: WorkingCalendar,
): Promise<number> {
  const dueOn = fromDbDate(filing.dueOn);
  // "Before 25/4": late from the due date itself; counted from its first working day.
  const firstLateDay = calendar.workingDayOnOrAfter(dueOn);
  if (today < firstLateDay) return 0;
  const lateWorkingDays = calendar.countWorkingDays(firstLateDay, today);
  const { policy } = parseDeadlinePolicy(filing.organization.settings);
  let sent = 0;
  for (const step of policy.escalation) {
    if (step.afterOverdueWorkingDays > lateWorkingDays || filing.escalated.includes(step.level)) continue;
    const recipients = await rungRecipients(ctx, filing, step.level);
    const text =
      `⏰ ${filing.organization.name}: ${filing.definition.title} (kỳ ${filing.periodCode}) đã quá hạn ` +
      `(hạn trước ngày ${formatVietnameseDate(dueOn)}) mà chưa được ký và gửi. ` +
      (filing.status === 'draft'
        ? `Lãnh đạo ký bằng lệnh /kybaocao ${filing.ref}.`
        : 'Báo cáo đã ký nhưng chưa gửi xong.');
    for (const r of recipients) {
      const queued = await enqueueNotification(ctx, {
        channel: 'telegram',
        recipient: r.ref,
        content: { text },
        dedupeKey: `report:${filing.id}:late:${step.level}:${r.key}`,
      });
      if (queued.created) sent++;
    }
    const at = ctx.clock.now();
    await ctx.db.prisma.$transaction((tx) =>
      changeFilingOnce(
        tx,
        filing.id,
        { NOT: { escalated: { has: step.level } } },
        { escalated: { push: step.level } },
        {
          action: 'report_escalate',
          at: at.toISOString(),
          data: { level: step.level, recipients: recipients.length },
        },
      ),
    );
  }
  return sent;
}
