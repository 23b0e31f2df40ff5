// The daily deadline digest and the leaders' weekly hotline review, as texts built from plain data.
// Pure. Cases appear by code, kind and dates only: no content, no sender.
import { addDays, dayOfWeek, formatVietnameseDate, type LocalDate } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import {
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  type CaseKind,
  type CaseStatus,
} from '../cases/case-vocabulary.js';
import type { Outbound } from '../dialog/dialog-types.js';
import { officerClockLabel } from '../deadlines/milestone-messages.js';

/** Telegram takes 4096 characters; a list longer than this is cut with a count of the rest. */
export const MAX_LISTED = 30;

export interface DigestClock {
  caseId: string;
  code: string;
  kind: CaseKind;
  unitId: string | null;
  unitName: string | null;
  clockKind: string;
  dueOn: LocalDate;
}

export type DigestState = 'overdue' | 'due_today' | 'due_soon';

export interface DigestEntry extends DigestClock {
  state: DigestState;
  /** Overdue: working days past the due date; due soon: working days left. */
  workingDays: number;
}

const STATE_ORDER: Record<DigestState, number> = { overdue: 0, due_today: 1, due_soon: 2 };

/**
 * The running clocks worth a line today, one per case (its most pressing clock), overdue first and
 * the longest overdue at the top.
 */
export function selectDigestEntries(
  clocks: readonly DigestClock[],
  calendar: WorkingCalendar,
  today: LocalDate,
  dueSoonWorkingDays: number,
): DigestEntry[] {
  const byCase = new Map<string, DigestEntry>();
  for (const c of clocks) {
    let entry: DigestEntry | undefined;
    if (today > c.dueOn)
      entry = { ...c, state: 'overdue', workingDays: calendar.countWorkingDays(c.dueOn, today) };
    else if (today === c.dueOn) entry = { ...c, state: 'due_today', workingDays: 0 };
    else {
      const left = calendar.countWorkingDays(today, c.dueOn);
      if (left <= dueSoonWorkingDays) entry = { ...c, state: 'due_soon', workingDays: left };
    }
    if (!entry) continue;
    const kept = byCase.get(c.caseId);
    if (!kept || entry.dueOn < kept.dueOn) byCase.set(c.caseId, entry);
  }
  return [...byCase.values()].sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      a.dueOn.localeCompare(b.dueOn) ||
      a.code.localeCompare(b.code),
  );
}

function entryLine(e: DigestEntry, withUnit: boolean): string {
  const when =
    e.state === 'overdue'
      ? `quá hạn ${e.workingDays} ngày làm việc`
      : e.state === 'due_today'
        ? 'đến hạn hôm nay'
        : `còn ${e.workingDays} ngày làm việc`;
  const unit = withUnit ? ` · ${e.unitName ?? 'chưa phân công'}` : '';
  return `• ${e.code} (${CASE_KIND_LABELS[e.kind].vi}${unit}) — hạn ${officerClockLabel(e.clockKind)} ${formatVietnameseDate(e.dueOn)}, ${when}`;
}

function listLines<T>(items: readonly T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, MAX_LISTED).map(line);
  if (items.length > MAX_LISTED) shown.push(`… và ${items.length - MAX_LISTED} hồ sơ khác (xem /hopthu).`);
  return shown;
}

/** To a unit's group: its overdue, due-today and due-soon cases; null when there is nothing to say. */
export function buildUnitDigest(input: {
  date: LocalDate;
  unitName: string;
  entries: readonly DigestEntry[];
}): Outbound | null {
  if (input.entries.length === 0) return null;
  const count = (s: DigestState) => input.entries.filter((e) => e.state === s).length;
  return {
    text: [
      `📋 Tổng hợp thời hạn ngày ${formatVietnameseDate(input.date)} — ${input.unitName}`,
      `Quá hạn: ${count('overdue')} · Đến hạn hôm nay: ${count('due_today')} · Sắp đến hạn: ${count('due_soon')}`,
      '',
      ...listLines(input.entries, (e) => entryLine(e, false)),
    ].join('\n'),
  };
}

/** To the leaders: the organisation's overdue cases, by unit; null when none is overdue. */
export function buildLeadersDigest(input: {
  date: LocalDate;
  organizationName: string;
  entries: readonly DigestEntry[];
}): Outbound | null {
  const overdue = input.entries.filter((e) => e.state === 'overdue');
  if (overdue.length === 0) return null;
  return {
    text: [
      `📋 Hồ sơ quá hạn ngày ${formatVietnameseDate(input.date)} — ${input.organizationName}`,
      `Tổng số: ${overdue.length}`,
      '',
      ...listLines(overdue, (e) => entryLine(e, true)),
    ].join('\n'),
  };
}

export interface HotlineReviewCase {
  code: string;
  kind: CaseKind;
  status: CaseStatus;
  receivedOn: LocalDate;
  /** The nearest due date of a running or paused clock; null when none runs. */
  dueOn: LocalDate | null;
  overdue: boolean;
}

/** Monday of the week that holds `date` (the review is for the seven days before it). */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** Chỉ thị 09/CT-BYT: leaders review the hotline at least weekly. Sent even for a quiet week. */
export function buildHotlineReview(input: {
  weekOf: LocalDate;
  organizationName: string;
  cases: readonly HotlineReviewCase[];
}): Outbound {
  const from = addDays(input.weekOf, -7);
  const to = addDays(input.weekOf, -1);
  const open = input.cases.filter((c) => c.dueOn !== null);
  const header = [
    `📞 Rà soát đường dây nóng tuần ${formatVietnameseDate(from)}–${formatVietnameseDate(to)} — ${input.organizationName}`,
    '(theo Chỉ thị 09/CT-BYT)',
  ];
  if (input.cases.length === 0)
    return { text: [...header, '', 'Tuần qua không có cuộc gọi nào được ghi nhận thành hồ sơ.'].join('\n') };
  return {
    text: [
      ...header,
      `Số cuộc gọi ghi nhận: ${input.cases.length} · Đang xử lý: ${open.length} · Quá hạn: ${
        input.cases.filter((c) => c.overdue).length
      }`,
      '',
      ...listLines(
        input.cases,
        (c) =>
          `• ${c.code} (${CASE_KIND_LABELS[c.kind].vi}, nhận ${formatVietnameseDate(c.receivedOn)}) — ${
            CASE_STATUS_LABELS[c.status].vi
          }${c.dueOn ? `, hạn ${formatVietnameseDate(c.dueOn)}${c.overdue ? ' — QUÁ HẠN' : ''}` : ''}`,
      ),
    ].join('\n'),
  };
}
