// The moments a running clock calls for someone's attention, as plain data: due-soon reminders,
// the apology prompt, the due day, the first overdue day and the escalation ladder. Pure: the
// scheduler turns the next of them into delayed jobs, the sweep and the job handler re-plan and
// compare, so a stale job (the clock paused, extended or stopped since) finds its milestone gone
// and does nothing.
import { vietnamDayStart, type LocalDate } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { DeadlinePolicy, EscalationLevel } from '../directory/organization-settings.js';

export type MilestoneAction = 'remind' | 'apology' | 'escalate';
/** Who is told: the case's handler (assignee, else the unit), the unit's head, the leaders. */
export type MilestoneAudience = 'handler' | EscalationLevel;

export interface Milestone {
  /** Stable name, part of job ids and audit data: due_soon_2, apology_prompt, due, overdue, escalate_leaders… */
  name: string;
  action: MilestoneAction;
  audience: MilestoneAudience;
  date: LocalDate;
  /** The instant it falls due: `date` at the policy's local time in Vietnam. */
  at: Date;
  /**
   * A reminder that was missed (worker down) is not worth sending once the next one is due: it
   * lapses then. Overdue and escalation steps never lapse.
   */
  lapsesAt?: Date;
  /** For due-soon reminders: working days left; for overdue steps: working days past due. */
  workingDays: number;
}

export interface MilestoneSubject {
  status: 'running' | 'paused' | 'stopped';
  startedOn: LocalDate;
  dueOn: LocalDate;
  /** An apology has already set a new date (allowed once): no second prompt. */
  dueDateReset: boolean;
}

const MILESTONE_NAME = /^[a-z0-9_]{1,40}$/;
export const isMilestoneName = (value: string): boolean => MILESTONE_NAME.test(value);

export function milestoneInstant(date: LocalDate, localTime: string): Date {
  const [h, m] = localTime.split(':').map(Number) as [number, number];
  return new Date(vietnamDayStart(date).getTime() + (h * 60 + m) * 60_000);
}

/** Every milestone of a clock, in time order; none for a paused or stopped clock. */
export function planMilestones(
  clock: MilestoneSubject,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): Milestone[] {
  if (clock.status !== 'running') return [];
  const at = (date: LocalDate) => milestoneInstant(date, policy.remindAt);
  const { dueOn } = clock;

  // Before the due date: only days after the clock started (a reminder on day one is noise).
  const before: Milestone[] = [];
  for (const n of [...new Set(policy.dueSoonWorkingDays)].sort((a, b) => b - a)) {
    const date = calendar.addWorkingDays(dueOn, -n);
    if (date > clock.startedOn)
      before.push({
        name: `due_soon_${n}`,
        action: 'remind',
        audience: 'handler',
        date,
        at: at(date),
        workingDays: n,
      });
  }
  const due: Milestone = {
    name: 'due',
    action: 'remind',
    audience: 'handler',
    date: dueOn,
    at: at(dueOn),
    workingDays: 0,
  };
  const overdueOn = calendar.nextWorkingDay(dueOn);
  const overdue: Milestone = {
    name: 'overdue',
    action: 'escalate',
    audience: 'handler',
    date: overdueOn,
    at: at(overdueOn),
    workingDays: 1,
  };
  // Reminders lapse when the next reminder (or the overdue notice) is due.
  const reminders = [...before, due];
  reminders.forEach((r, i) => (r.lapsesAt = (reminders[i + 1] ?? overdue).at));

  const result: Milestone[] = [...before];
  if (policy.apologyPrompt && !clock.dueDateReset) {
    const date = calendar.addWorkingDays(dueOn, -1);
    if (date > clock.startedOn)
      result.push({
        name: 'apology_prompt',
        action: 'apology',
        audience: 'unit_head',
        date,
        at: at(date),
        lapsesAt: due.at,
        workingDays: 1,
      });
  }
  result.push(due, overdue);
  for (const step of policy.escalation) {
    const date = calendar.addWorkingDays(overdueOn, step.afterOverdueWorkingDays);
    result.push({
      name: `escalate_${step.level}`,
      action: 'escalate',
      audience: step.level,
      date,
      at: at(date),
      workingDays: step.afterOverdueWorkingDays + 1,
    });
  }
  return result.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Due at `now` and not lapsed. */
export function isMilestoneDue(m: Milestone, now: Date): boolean {
  return (
    m.at.getTime() <= now.getTime() && (m.lapsesAt === undefined || now.getTime() < m.lapsesAt.getTime())
  );
}
