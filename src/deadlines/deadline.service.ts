// Use cases over clocks: which calendar and rules an organisation runs on, starting clocks when a
// case event triggers them, and keeping each clock's stored due date true after every change.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import type { Db } from '../db/database.js';
import { directoryCache } from '../directory/directory-cache.js';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.js';
import { ZCalendarOverrideSchema, type CalendarOverride } from '../calendar/calendar-override.js';
import { fromDbDate, toVietnamDate, type LocalDate } from '../calendar/local-date.js';
import { createWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import {
  clockState,
  computeDueDate,
  extendClock,
  pauseClock,
  resumeClock,
  stopClock,
  type ClockState,
  type DeadlineClock,
} from './clock.js';
import { clocksSatisfiedBy, clocksStartedBy, type ClockStartTrigger } from './clock-triggers.js';
import {
  batchClockWrites,
  listClocks,
  rowToClock,
  upsertClock,
  type ClockRow,
  type Tx,
} from './clock.repository.js';
import { findOrganizationSettings } from './milestone.repository.js';
import { openClock } from './open-clock.js';
import { ZOrgInternalLimitSchema } from './rule-set.schema.js';
import { resolveLimit } from './rule-selection.js';
import { OFFICIAL_RULE_SETS } from './rule-sets.js';
import type { CaseKind, ClockKind, OrgInternalLimit, ResolvedLimit, RuleSet } from './time-limit.js';

/** What deadline arithmetic needs to know about one organisation. */
export interface DeadlineSettings {
  calendar: WorkingCalendar;
  ruleSets: readonly RuleSet[];
  internalLimits: readonly OrgInternalLimit[];
}

/** National overrides (shipped, then loaded by an administrator), then the organisation's own. */
export async function loadCalendarOverrides(
  db: Db | Tx,
  organizationId: string | null,
): Promise<CalendarOverride[]> {
  const rows = await db.calendarDay.findMany({
    where: { OR: [{ organizationId: null }, ...(organizationId ? [{ organizationId }] : [])] },
    orderBy: [{ date: 'asc' }],
  });
  // National rows first so an organisation's own row for the same date wins.
  rows.sort((a, b) => Number(a.organizationId !== null) - Number(b.organizationId !== null));
  const loaded = rows.map((r) =>
    ZCalendarOverrideSchema.parse({ date: fromDbDate(r.date), type: r.type, name: r.name, source: r.source }),
  );
  return [...OFFICIAL_OVERRIDES, ...loaded];
}

export async function loadDeadlineSettings(
  db: Db | Tx,
  organizationId: string | null,
): Promise<DeadlineSettings> {
  const overrides = await loadCalendarOverrides(db, organizationId);
  const org = organizationId ? await findOrganizationSettings(db, organizationId) : null;
  const rawLimits = (org?.settings as { internalLimits?: unknown } | null)?.internalLimits ?? [];
  const internalLimits = ZOrgInternalLimitSchema.array().parse(rawLimits);
  return { calendar: createWorkingCalendar({ overrides }), ruleSets: OFFICIAL_RULE_SETS, internalLimits };
}

/**
 * The settings as this process last read them (decision 0041): for use cases that read them before
 * their transaction. A change made in another process is seen within DIRECTORY_CACHE_CHECK_MS.
 */
export function deadlineSettingsOf(
  ctx: Pick<AppContext, 'db' | 'config'>,
  organizationId: string | null,
): Promise<DeadlineSettings> {
  return directoryCache(ctx).read(`deadline-settings:${organizationId ?? ''}`, () =>
    loadDeadlineSettings(ctx.db.prisma, organizationId),
  );
}

function limitFor(
  settings: DeadlineSettings,
  clock: Pick<DeadlineClock, 'kind' | 'ruleSetCode'>,
): ResolvedLimit {
  const ruleSet = settings.ruleSets.find((r) => r.code === clock.ruleSetCode);
  if (!ruleSet) throw new AppError('internal', `Rule set ${clock.ruleSetCode} is not known.`);
  return resolveLimit(ruleSet, settings.internalLimits, clock.kind);
}

/** The date an answer is due, for a receipt given before the worker has made the case. */
export async function estimateAnswerDueDate(
  ctx: AppContext,
  input: { organizationId: string; kind: CaseKind; audience: 'citizen' | 'staff'; receivedAt: Date },
): Promise<{ dueOn: LocalDate; clockKind: ClockKind }> {
  const settings = await deadlineSettingsOf(ctx, input.organizationId);
  const [opened] = clocksOfNewCase(settings, input, toVietnamDate(input.receivedAt));
  return { dueOn: opened!.dueOn, clockKind: opened!.clock.kind };
}

/**
 * The clocks a new case starts with (the `received` trigger), as startClocks would write them,
 * planned without a database: the intake writes them in the statement that makes the case
 * (decision 0098), and the receipt estimates its due date from the same plan.
 */
export function clocksOfNewCase(
  settings: DeadlineSettings,
  subject: Omit<CaseClockSubject, 'id'>,
  startedOn: LocalDate,
): OpenedClock[] {
  // A new case has no clocks the trigger could satisfy (clocksSatisfiedBy('received') is empty).
  return clocksStartedBy('received', subject.kind, subject.audience).map((kind) =>
    openedClock(settings, kind, startedOn),
  );
}

export interface OpenedClock {
  clock: DeadlineClock;
  dueOn: LocalDate;
}

function openedClock(settings: DeadlineSettings, kind: ClockKind, startedOn: LocalDate): OpenedClock {
  const { clock } = openClock({
    ruleSets: settings.ruleSets,
    orgInternalLimits: settings.internalLimits,
    kind,
    startedOn,
  });
  return { clock, dueOn: computeDueDate(clock, settings.calendar) };
}

export interface CaseClockSubject {
  id: string;
  kind: CaseKind;
  audience: 'citizen' | 'staff';
}

/** A new running clock of `kind` from `startedOn` under the rules in force that day (replacing one of that kind). */
async function openAndStoreClock(
  tx: Tx,
  settings: DeadlineSettings,
  caseId: string,
  kind: ClockKind,
  startedOn: LocalDate,
  at: Date,
): Promise<void> {
  const { clock, dueOn } = openedClock(settings, kind, startedOn);
  await upsertClock(tx, caseId, clock, dueOn, 'running', at);
}

/** Starts (or, on reopening, restarts) the clocks a trigger calls for. Returns their kinds. */
export async function startClocks(
  tx: Tx,
  settings: DeadlineSettings,
  subject: CaseClockSubject,
  trigger: ClockStartTrigger,
  startedOn: LocalDate,
  at: Date,
): Promise<ClockKind[]> {
  return batchClockWrites(tx, async () => {
    const kinds = clocksStartedBy(trigger, subject.kind, subject.audience);
    for (const kind of kinds) await openAndStoreClock(tx, settings, subject.id, kind, startedOn, at);
    const satisfied = clocksSatisfiedBy(trigger);
    if (satisfied.length) await stopClocks(tx, settings, subject.id, at, satisfied);
    return kinds;
  });
}

async function rewrite(
  tx: Tx,
  settings: DeadlineSettings,
  row: ClockRow,
  change: (clock: DeadlineClock) => DeadlineClock,
  status: 'running' | 'paused' | 'stopped',
  at: Date,
) {
  const clock = change(rowToClock(row));
  const today = toVietnamDate(at);
  const dueOn = computeDueDate(
    clock,
    settings.calendar,
    status === 'paused' ? { openPausesUntil: today } : {},
  );
  await upsertClock(tx, row.caseId, clock, dueOn, status, at);
}

export async function stopClocks(
  tx: Tx,
  settings: DeadlineSettings,
  caseId: string,
  at: Date,
  onlyKinds?: ClockKind[],
): Promise<void> {
  return batchClockWrites(tx, async () => {
    for (const row of await listClocks(tx, caseId)) {
      if (row.status === 'stopped' || (onlyKinds && !onlyKinds.includes(row.kind as ClockKind))) continue;
      // A paused clock is resumed first, so the paused days stay recorded as a closed span.
      const resumeFirst = (c: DeadlineClock) => (row.status === 'paused' ? resumeClock(c, at) : c);
      await rewrite(tx, settings, row, (c) => stopClock(resumeFirst(c), at), 'stopped', at);
    }
  });
}

/** Pauses the running clocks whose rule allows suspension; returns those it paused. */
export async function pauseClocks(
  tx: Tx,
  settings: DeadlineSettings,
  caseId: string,
  at: Date,
  reason: string | undefined,
): Promise<ClockKind[]> {
  return batchClockWrites(tx, async () => {
    const paused: ClockKind[] = [];
    for (const row of await listClocks(tx, caseId)) {
      if (row.status !== 'running') continue;
      const limit = limitFor(settings, rowToClock(row));
      if (!limit.pausable) continue;
      await rewrite(tx, settings, row, (c) => pauseClock(c, limit, at, reason), 'paused', at);
      paused.push(row.kind as ClockKind);
    }
    return paused;
  });
}

export async function resumeClocks(
  tx: Tx,
  settings: DeadlineSettings,
  caseId: string,
  at: Date,
): Promise<ClockKind[]> {
  return batchClockWrites(tx, async () => {
    const resumed: ClockKind[] = [];
    for (const row of await listClocks(tx, caseId)) {
      if (row.status !== 'paused') continue;
      await rewrite(tx, settings, row, (c) => resumeClock(c, at), 'running', at);
      resumed.push(row.kind as ClockKind);
    }
    return resumed;
  });
}

/**
 * Extends one clock within its rule's policy: the named one, or else the only running clock whose
 * rule allows extensions. Refused with the rule's reason otherwise.
 */
export async function extendClocks(
  tx: Tx,
  settings: DeadlineSettings,
  caseId: string,
  extension: { clockKind?: string; days?: number; reason: string; decisionRef?: string },
  at: Date,
): Promise<ClockKind> {
  const rows = (await listClocks(tx, caseId)).filter((r) => r.status !== 'stopped');
  const candidates = extension.clockKind
    ? rows.filter((r) => r.kind === extension.clockKind)
    : rows.filter((r) => limitFor(settings, rowToClock(r)).extension);
  if (candidates.length !== 1) {
    throw new AppError(
      'unprocessable',
      candidates.length === 0
        ? 'Hồ sơ không có thời hạn nào được phép gia hạn.'
        : 'Hồ sơ có nhiều thời hạn được phép gia hạn; vui lòng chọn thời hạn cần gia hạn.',
    );
  }
  const row = candidates[0]!;
  const limit = limitFor(settings, rowToClock(row));
  // Without a number of days, the longest single extension the rule allows.
  const days = extension.days ?? limit.extension?.maxDaysEach;
  if (!days) throw new AppError('validation', 'Cần nêu số ngày gia hạn.');
  await rewrite(
    tx,
    settings,
    row,
    (c) =>
      extendClock(c, limit, {
        days,
        reason: extension.reason,
        decidedOn: toVietnamDate(at),
        ...(extension.decisionRef ? { decisionRef: extension.decisionRef } : {}),
      }),
    row.status === 'paused' ? 'paused' : 'running',
    at,
  );
  return row.kind as ClockKind;
}

export interface ClockView {
  kind: ClockKind;
  status: 'running' | 'paused' | 'stopped';
  state: ClockState;
  startedOn: LocalDate;
  dueOn: LocalDate;
  days: number;
  dayType: 'working' | 'calendar';
  ruleSetCode: string;
}

export async function describeCaseClocks(
  db: Db | Tx,
  settings: DeadlineSettings,
  caseId: string,
  now: Date,
): Promise<ClockView[]> {
  const today = toVietnamDate(now);
  return (await listClocks(db, caseId)).map((row) => {
    const clock = rowToClock(row);
    return {
      kind: clock.kind,
      status: row.status,
      state: clockState(clock, settings.calendar, today),
      startedOn: clock.startedOn,
      dueOn: fromDbDate(row.dueOn),
      days: clock.days + clock.extensions.reduce((n, e) => n + e.days, 0),
      dayType: clock.dayType,
      ruleSetCode: row.ruleSetCode,
    };
  });
}

/** Whether a clock of this kind belongs to a case of this kind and audience under the rule sets. */
function clockAppliesTo(settings: DeadlineSettings, clockKind: string, subject: CaseClockSubject): boolean {
  return settings.ruleSets.some((set) =>
    set.rules.some(
      (r) =>
        r.clockKind === clockKind && r.appliesTo.includes(subject.kind) && r.audience === subject.audience,
    ),
  );
}

export interface CaseProgress {
  /** The signed đơn's date, when one was recorded. */
  petitionReceivedOn: LocalDate | null;
  /** The day of thụ lý, when the case was accepted. */
  acceptedOn: LocalDate | null;
  /** False once the case left the open statuses: nothing new starts then. */
  open: boolean;
}

/**
 * After a reclassification (`subject.kind` is the new kind): stops the clocks whose rule does not
 * cover the new kind and starts the ones the new kind calls for at the point the case has reached
 * (đơn recorded, accepted), counted from the day that point was reached.
 */
export async function recomputeClocksForKind(
  tx: Tx,
  settings: DeadlineSettings,
  subject: CaseClockSubject,
  progress: CaseProgress,
  at: Date,
): Promise<{ stopped: ClockKind[]; started: ClockKind[] }> {
  return batchClockWrites(tx, async () => {
    const rows = await listClocks(tx, subject.id);
    const stopped = rows
      .filter((r) => r.status !== 'stopped' && !clockAppliesTo(settings, r.kind, subject))
      .map((r) => r.kind as ClockKind);
    if (stopped.length) await stopClocks(tx, settings, subject.id, at, stopped);
    if (!progress.open) return { stopped, started: [] };

    const counting = new Set(rows.filter((r) => r.status !== 'stopped').map((r) => r.kind));
    const wanted: { kind: ClockKind; startedOn: LocalDate }[] = [
      ...(progress.petitionReceivedOn && !progress.acceptedOn
        ? clocksStartedBy('petition_document_recorded', subject.kind, subject.audience).map((kind) => ({
            kind,
            startedOn: progress.petitionReceivedOn!,
          }))
        : []),
      ...(progress.acceptedOn
        ? clocksStartedBy('accepted', subject.kind, subject.audience).map((kind) => ({
            kind,
            startedOn: progress.acceptedOn!,
          }))
        : []),
    ];
    const started: ClockKind[] = [];
    for (const { kind, startedOn } of wanted) {
      if (counting.has(kind) && !stopped.includes(kind)) continue;
      await openAndStoreClock(tx, settings, subject.id, kind, startedOn, at);
      started.push(kind);
    }
    return { stopped, started };
  });
}
