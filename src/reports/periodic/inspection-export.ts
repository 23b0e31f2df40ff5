// `langnghe export cases|events`: what an inspector needs to recount the figures — clocks (due
// dates, met or late), outcomes, satisfaction, kind, unit, channel, status — and nothing that
// identifies a sender or repeats what anyone wrote (the columns are listed here, once).
import type { Db } from '../../db/database.js';
import { fromDbDate, toVietnamDate, type LocalDate } from '../../calendar/local-date.js';
import {
  pageExportCases,
  pageExportEvents,
  type ExportCaseRow,
  type ExportEventRow,
} from './inspection-export.repository.js';

export const EXPORT_KINDS = ['cases', 'events'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Cell = string | number | boolean | null;
export type ExportRecord = Record<string, Cell>;

/** Met: resolved on or before its due date; late: resolved after it, or open past it; open: neither yet. */
export type ClockVerdict = 'met' | 'late' | 'open' | 'none';

export function clockVerdict(
  dueOn: LocalDate | null,
  resolvedOn: LocalDate | null,
  today: LocalDate,
): ClockVerdict {
  if (!dueOn) return 'none';
  if (resolvedOn) return resolvedOn <= dueOn ? 'met' : 'late';
  return today > dueOn ? 'late' : 'open';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? fromDbDate(d) : null);

export const CASE_COLUMNS = [
  'code',
  'unit',
  'kind',
  'audience',
  'channel',
  'status',
  'urgency',
  'category',
  'identityMode',
  'receivedAt',
  'acceptedAt',
  'resolvedAt',
  'closedAt',
  'governingClock',
  'governingDueOn',
  'governingVerdict',
  'clocks',
  'dueDateMoved',
  'paused',
  'forwardCount',
  'outcome',
  'satisfaction',
] as const;

export function caseRecord(
  row: ExportCaseRow,
  today: LocalDate,
): Record<(typeof CASE_COLUMNS)[number], Cell> {
  const resolvedOn = row.resolvedAt ? toVietnamDate(row.resolvedAt) : null;
  return {
    code: row.code,
    unit: row.unit?.code ?? null,
    kind: row.kind,
    audience: row.audience,
    channel: row.channel,
    status: row.status,
    urgency: row.urgency,
    category: row.category,
    identityMode: row.identityMode,
    receivedAt: iso(row.receivedAt),
    acceptedAt: iso(row.acceptedAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    governingClock: row.governingClockKind,
    governingDueOn: day(row.governingDueOn),
    governingVerdict: clockVerdict(day(row.governingDueOn), resolvedOn, today),
    // Every clock of the case: "complaint_resolution_first=2026-04-10:running;…".
    clocks:
      row.clocks
        .map((c) => `${c.kind}=${fromDbDate(c.dueOn)}:${c.status}`)
        .sort()
        .join(';') || null,
    dueDateMoved: row.clocks.some((c) => c.dueOn.getTime() !== c.originalDueOn.getTime()),
    paused: row.paused,
    forwardCount: row.forwardCount,
    outcome: row.outcome,
    satisfaction: row.satisfaction,
  };
}

export const EVENT_COLUMNS = [
  'caseCode',
  'at',
  'action',
  'fromStatus',
  'toStatus',
  'actorType',
  'actorRole',
] as const;

export function eventRecord(row: ExportEventRow): Record<(typeof EVENT_COLUMNS)[number], Cell> {
  return {
    caseCode: row.case.code,
    at: row.createdAt.toISOString(),
    action: row.action,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    actorType: row.actorType,
    actorRole: row.actorRole,
  };
}

export const columnsOf = (kind: ExportKind): readonly string[] =>
  kind === 'cases' ? CASE_COLUMNS : EVENT_COLUMNS;

/** Pages through the rows (keyset on id), one record at a time; `onPage` reports progress. */
export async function* exportRecords(
  db: Db,
  input: { kind: ExportKind; organizationId: string; from: Date; to: Date; today: LocalDate },
  onPage: (count: number) => void = () => {},
): AsyncGenerator<ExportRecord> {
  let afterId: string | null = null;
  let count = 0;
  for (;;) {
    const page: { id: string; record: ExportRecord }[] =
      input.kind === 'cases'
        ? (await pageExportCases(db, { ...input, afterId })).map((r) => ({
            id: r.id,
            record: caseRecord(r, input.today),
          }))
        : (await pageExportEvents(db, { ...input, afterId })).map((r) => ({
            id: r.id,
            record: eventRecord(r),
          }));
    if (!page.length) return;
    for (const p of page) yield p.record;
    count += page.length;
    onPage(count);
    afterId = page[page.length - 1]!.id;
  }
}

function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(columns: readonly string[], record: ExportRecord | null): string {
  return `${(record ? columns.map((c) => csvCell(record[c] ?? null)) : columns).join(',')}\r\n`;
}
