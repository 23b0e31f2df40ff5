import { AppError } from '../core/app-error.js';
import { addDays, formatVietnameseDate, toLocalDate, type LocalDate } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { DeadlineError } from './deadline-error.js';
import type { ApologyPolicy, ClockKind, DayType, ResolvedLimit } from './time-limit.js';

/**
 * A deadline clock and its arithmetic, as plain data and functions of it. Every operation returns a
 * new clock; the service stores it and the due date computed from it.
 *
 * Counting (Bộ luật Dân sự Điều 147–148): the trigger day itself does not count. A working-day
 * period counts only working days. A calendar-day period counts every day, and if its last day is a
 * day off the period ends on the next working day.
 *
 * Suspension: a pause covers the days from `from` up to but not including `to` — the day the clock
 * resumes counts again, and a pause begun and ended on the same day removes nothing. A paused day is
 * simply not counted, so the due date moves later by exactly the number of days that would have
 * counted during the pause (working days for a working-day clock, all days for a calendar-day one).
 *
 * Extensions add their days to the period, within the rule's policy. An apology may set a new due
 * date once (NĐ 61/2018 Điều 19 pattern); the clock is then due on the later of that date and the
 * counted one, so a pause or extension recorded afterwards can still move it, never pull it earlier.
 */

export interface ClockPause {
  from: LocalDate;
  /** The day counting resumes; absent while the clock is paused. */
  to?: LocalDate;
  reason?: string;
}

export interface ClockExtension {
  days: number;
  reason: string;
  decidedOn?: LocalDate;
  /** Number of the written extension decision, where the rule requires one. */
  decisionRef?: string;
}

export interface DeadlineClock {
  kind: ClockKind;
  ruleSetCode?: string;
  /** The triggering day (receipt, acceptance, decision); counting starts the day after. */
  startedOn: LocalDate;
  days: number;
  dayType: DayType;
  pauses: readonly ClockPause[];
  extensions: readonly ClockExtension[];
  /** New due date promised by an apology; set at most once. */
  dueResetTo?: LocalDate;
  stoppedOn?: LocalDate;
}

export type ClockState = 'running' | 'due_soon' | 'due_today' | 'overdue' | 'paused' | 'stopped';

/** Product default for "due soon", not a legal number: two working days' warning. */
export const DEFAULT_DUE_SOON_WORKING_DAYS = 2;

export interface DueDateOptions {
  /**
   * An open pause is taken to last through this date. Without it an open pause removes nothing,
   * which gives the earliest date the clock can fall due once resumed.
   */
  openPausesUntil?: LocalDate;
}

export interface DueDateTrace {
  dueDate: LocalDate;
  /** The date by counting alone, before any apology's new date. */
  countedDueDate: LocalDate;
  totalDays: number;
  firstCountedDay: LocalDate;
  /** Days off passed over by a working-day clock. */
  skippedDaysOff: LocalDate[];
  /** Days that would have counted but fell in a pause. */
  pausedDays: LocalDate[];
  /** For a period whose last day was a day off (or paused): that day. */
  rolledFrom?: LocalDate;
  resetApplied: boolean;
}

// A century of days: no clock runs that long, so reaching it means broken data, not a long case.
const MAX_DAYS_WALKED = 36_600;

export function startClock(limit: ResolvedLimit, startedOn: LocalDate): DeadlineClock {
  return {
    kind: limit.clockKind,
    ruleSetCode: limit.ruleSetCode,
    startedOn,
    days: limit.days,
    dayType: limit.dayType,
    pauses: [],
    extensions: [],
  };
}

export function totalDays(clock: DeadlineClock): number {
  return clock.days + clock.extensions.reduce((sum, e) => sum + e.days, 0);
}

export function traceDueDate(
  clock: DeadlineClock,
  calendar: WorkingCalendar,
  options: DueDateOptions = {},
): DueDateTrace {
  const isPaused = pausedPredicate(clock.pauses, options.openPausesUntil);
  const total = totalDays(clock);
  const skippedDaysOff: LocalDate[] = [];
  const pausedDays: LocalDate[] = [];
  let day = clock.startedOn;
  let remaining = total;
  let walked = 0;
  const advance = () => {
    day = addDays(day, 1);
    if (++walked > MAX_DAYS_WALKED) {
      throw new AppError('internal', 'Không tính được hạn: thời hạn hoặc thời gian tạm dừng quá dài.', {
        clock,
      });
    }
  };
  while (remaining > 0) {
    advance();
    const counts = clock.dayType === 'calendar' || calendar.isWorkingDay(day);
    if (isPaused(day)) {
      if (counts) pausedDays.push(day);
    } else if (!counts) {
      skippedDaysOff.push(day);
    } else {
      remaining--;
    }
  }
  let rolledFrom: LocalDate | undefined;
  if (calendar.isDayOff(day) || isPaused(day)) {
    rolledFrom = day;
    do advance();
    while (calendar.isDayOff(day) || isPaused(day));
  }
  const countedDueDate = day;
  const resetApplied = clock.dueResetTo !== undefined && clock.dueResetTo > countedDueDate;
  return {
    dueDate: resetApplied && clock.dueResetTo ? clock.dueResetTo : countedDueDate,
    countedDueDate,
    totalDays: total,
    firstCountedDay: addDays(clock.startedOn, 1),
    skippedDaysOff,
    pausedDays,
    ...(rolledFrom ? { rolledFrom } : {}),
    resetApplied,
  };
}

export function computeDueDate(
  clock: DeadlineClock,
  calendar: WorkingCalendar,
  options?: DueDateOptions,
): LocalDate {
  return traceDueDate(clock, calendar, options).dueDate;
}

export function isPausedOn(clock: DeadlineClock, date: LocalDate): boolean {
  return clock.pauses.some((p) => p.from <= date && (p.to === undefined || date < p.to));
}

export function clockState(
  clock: DeadlineClock,
  calendar: WorkingCalendar,
  today: LocalDate,
  options: { dueSoonWorkingDays?: number } = {},
): ClockState {
  if (clock.stoppedOn) return 'stopped';
  if (isPausedOn(clock, today)) return 'paused';
  const due = computeDueDate(clock, calendar);
  if (today > due) return 'overdue';
  if (today === due) return 'due_today';
  const threshold = options.dueSoonWorkingDays ?? DEFAULT_DUE_SOON_WORKING_DAYS;
  return calendar.countWorkingDays(today, due) <= threshold ? 'due_soon' : 'running';
}

export function extendClock(
  clock: DeadlineClock,
  limit: ResolvedLimit,
  extension: ClockExtension,
): DeadlineClock {
  assertRunning(clock);
  const policy = limit.extension;
  if (!Number.isInteger(extension.days) || extension.days <= 0 || extension.reason.trim() === '') {
    throw new DeadlineError('invalid_extension', 'Gia hạn phải có số ngày (số nguyên dương) và lý do.', {
      extension,
    });
  }
  if (!policy) {
    throw new DeadlineError('extension_not_allowed', `Thời hạn "${limit.description}" không được gia hạn.`, {
      clockKind: clock.kind,
    });
  }
  if (policy.requiresWrittenDecision && !extension.decisionRef?.trim()) {
    throw new DeadlineError(
      'invalid_extension',
      'Gia hạn phải có quyết định gia hạn bằng văn bản (số quyết định).',
      {
        extension,
      },
    );
  }
  if (clock.extensions.length >= policy.maxCount) {
    throw new DeadlineError('extension_count_exceeded', `Đã gia hạn đủ ${policy.maxCount} lần cho phép.`, {
      count: clock.extensions.length,
      maxCount: policy.maxCount,
    });
  }
  if (policy.maxDaysEach !== undefined && extension.days > policy.maxDaysEach) {
    throw new DeadlineError('extension_too_long', `Mỗi lần gia hạn không quá ${policy.maxDaysEach} ngày.`, {
      days: extension.days,
      maxDaysEach: policy.maxDaysEach,
    });
  }
  const total = totalDays(clock) + extension.days;
  if (limit.maxDays !== undefined && total > limit.maxDays) {
    throw new DeadlineError(
      'extension_exceeds_maximum',
      `Tổng thời hạn sau gia hạn (${total} ngày) vượt mức tối đa ${limit.maxDays} ngày.`,
      { total, maxDays: limit.maxDays },
    );
  }
  return { ...clock, extensions: [...clock.extensions, extension] };
}

/** Suspends the clock from the Vietnamese date of `at`; that day no longer counts. */
export function pauseClock(
  clock: DeadlineClock,
  limit: Pick<ResolvedLimit, 'pausable' | 'description'>,
  at: Date | LocalDate,
  reason?: string,
): DeadlineClock {
  assertRunning(clock);
  if (!limit.pausable) {
    throw new DeadlineError('pause_not_allowed', `Thời hạn "${limit.description}" không được tạm dừng.`, {
      clockKind: clock.kind,
    });
  }
  if (clock.pauses.some((p) => p.to === undefined)) {
    throw new DeadlineError('clock_already_paused', 'Thời hạn đang tạm dừng.', { clockKind: clock.kind });
  }
  const from = toLocalDate(at);
  assertNotBefore(from, clock.startedOn, 'Ngày tạm dừng');
  return { ...clock, pauses: [...clock.pauses, { from, ...(reason ? { reason } : {}) }] };
}

/** Resumes counting on the Vietnamese date of `at`; that day counts again. */
export function resumeClock(clock: DeadlineClock, at: Date | LocalDate): DeadlineClock {
  const open = clock.pauses.findIndex((p) => p.to === undefined);
  const pause = clock.pauses[open];
  if (!pause)
    throw new DeadlineError('clock_not_paused', 'Thời hạn không ở trạng thái tạm dừng.', {
      clockKind: clock.kind,
    });
  const to = toLocalDate(at);
  assertNotBefore(to, pause.from, 'Ngày tiếp tục');
  const pauses = clock.pauses.map((p, i) => (i === open ? { ...p, to } : p));
  return { ...clock, pauses };
}

export function stopClock(clock: DeadlineClock, at: Date | LocalDate): DeadlineClock {
  assertRunning(clock);
  const stoppedOn = toLocalDate(at);
  assertNotBefore(stoppedOn, clock.startedOn, 'Ngày dừng');
  return { ...clock, stoppedOn };
}

/** Sets the new date an apology promises: once, on a working day, later than the current due date. */
export function resetDueDate(
  clock: DeadlineClock,
  calendar: WorkingCalendar,
  newDate: LocalDate,
  policy: Pick<ApologyPolicy, 'maxDueDateResets'> = { maxDueDateResets: 1 },
): DeadlineClock {
  assertRunning(clock);
  if (clock.dueResetTo !== undefined || policy.maxDueDateResets < 1) {
    throw new DeadlineError('due_date_already_reset', 'Hạn chỉ được đặt lại một lần.', {
      dueResetTo: clock.dueResetTo,
    });
  }
  if (!calendar.isWorkingDay(newDate)) {
    throw new DeadlineError(
      'due_date_not_working_day',
      `Ngày hẹn mới ${formatVietnameseDate(newDate)} là ngày nghỉ (${calendar.dayOffReason(newDate) ?? ''}).`,
      { newDate },
    );
  }
  const current = computeDueDate(clock, calendar);
  if (newDate <= current) {
    throw new DeadlineError(
      'due_date_not_later',
      `Ngày hẹn mới phải sau hạn hiện tại ${formatVietnameseDate(current)}.`,
      { newDate, current },
    );
  }
  return { ...clock, dueResetTo: newDate };
}

/** The last day an apology for a late item may go out (at least `leadWorkingDays` before the due date). */
export function latestApologyDate(
  clock: DeadlineClock,
  calendar: WorkingCalendar,
  policy: Pick<ApologyPolicy, 'leadWorkingDays'>,
): LocalDate {
  return calendar.addWorkingDays(computeDueDate(clock, calendar), -policy.leadWorkingDays);
}

function pausedPredicate(pauses: readonly ClockPause[], openUntil: LocalDate | undefined) {
  const ranges = pauses.map((p) => ({
    from: p.from,
    // Exclusive end; an open pause lasts through `openUntil` or, without it, not at all.
    to: p.to ?? (openUntil !== undefined ? addDays(openUntil, 1) : p.from),
  }));
  return (date: LocalDate): boolean => ranges.some((r) => r.from <= date && date < r.to);
}

function assertRunning(clock: DeadlineClock): void {
  if (clock.stoppedOn) {
    throw new DeadlineError('clock_stopped', 'Thời hạn đã dừng (hồ sơ đã xử lý xong).', {
      stoppedOn: clock.stoppedOn,
    });
  }
}

function assertNotBefore(date: LocalDate, earliest: LocalDate, label: string): void {
  if (date < earliest) {
    throw new DeadlineError(
      'date_before_start',
      `${label} ${formatVietnameseDate(date)} không thể trước ngày ${formatVietnameseDate(earliest)}.`,
      { date, earliest },
    );
  }
}
