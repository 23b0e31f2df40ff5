// The console's inbox: the bot's inbox scope (case-inbox-scope.ts: the permission rule compiled to
// SQL, keyset cursor over the governing due date) plus the filters a desk needs — kind, channel,
// governing due state — and a search over the masked, folded case text (Case.searchText).
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { toDbDate, toVietnamDate, type LocalDate } from '../../calendar/local-date.js';
import {
  caseVisibilityWhere,
  decodeInboxCursor,
  encodeInboxCursor,
  inboxCursorOf,
  inboxQueryParts,
  mergeInboxParts,
  type InboxFilters,
  type InboxQuery,
} from '../../cases/case-inbox-scope.js';
import { foldSearchQuery } from '../../cases/case-search-text.js';
import { CASE_KINDS, CASE_STATUSES, CHANNELS } from '../../cases/case-vocabulary.js';
import type { Prisma } from '../../db/generated/client.js';
import { DEFAULT_DUE_SOON_WORKING_DAYS } from '../../deadlines/clock.js';
import { deadlineSettingsOf } from '../../deadlines/deadline.service.js';
import type { StaffMember } from '../../directory/staff-member.js';
import {
  findConsoleInboxKeys,
  findConsoleInboxRowByCode,
  findConsoleInboxRows,
  type ConsoleInboxRow,
} from './console-inbox.repository.js';

export const CONSOLE_INBOX_PAGE_SIZE = 25;
/**
 * The inbox counts its cases up to this many and says "more than" beyond: an exact count would
 * read the whole scope (a leader's organisation) on every page.
 */
export const CONSOLE_INBOX_COUNT_CAP = 1000;

export const DUE_STATES = ['overdue', 'due_soon', 'on_time'] as const;
export type DueState = (typeof DUE_STATES)[number];

const empty = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(empty, schema.optional());

/** The inbox's query string: every field optional; unknown values are refused, not ignored. */
export const ZConsoleInboxQuery = z.object({
  status: optional(z.enum([...CASE_STATUSES, 'all'])),
  kind: optional(z.enum(CASE_KINDS)),
  channel: optional(z.enum(CHANNELS)),
  unit: optional(z.string().uuid()),
  due: optional(z.enum(DUE_STATES)),
  assignee: optional(z.enum(['me', 'none'])),
  urgent: optional(z.enum(['1'])),
  q: optional(z.string().max(200)),
  after: optional(z.string().max(40)),
  before: optional(z.string().max(40)),
});
export type ConsoleInboxQuery = z.infer<typeof ZConsoleInboxQuery>;

export interface ConsoleInboxPage {
  rows: ConsoleInboxRow[];
  /** The matching cases, counted up to CONSOLE_INBOX_COUNT_CAP. */
  total: number;
  /** More than `total` match. */
  totalCapped: boolean;
  /** Cursors for the neighbouring pages (null: none that way). */
  previous: string | null;
  next: string | null;
  today: LocalDate;
  /** The last day that still counts as "due soon". */
  dueSoonUntil: LocalDate;
}

export function dueStateOf(dueOn: Date | null, today: LocalDate, dueSoonUntil: LocalDate): DueState | null {
  if (!dueOn) return null;
  const day = dueOn.toISOString().slice(0, 10);
  if (day < today) return 'overdue';
  return day <= dueSoonUntil ? 'due_soon' : 'on_time';
}

function extraConditions(
  query: ConsoleInboxQuery,
  today: LocalDate,
  dueSoonUntil: LocalDate,
): Prisma.CaseWhereInput[] {
  const out: Prisma.CaseWhereInput[] = [];
  if (query.kind) out.push({ kind: query.kind });
  if (query.channel) out.push({ channel: query.channel });
  switch (query.due) {
    case undefined:
      break;
    case 'overdue':
      out.push({ governingDueOn: { lt: toDbDate(today) } });
      break;
    case 'due_soon':
      out.push({ governingDueOn: { gte: toDbDate(today), lte: toDbDate(dueSoonUntil) } });
      break;
    case 'on_time':
      out.push({ governingDueOn: { gt: toDbDate(dueSoonUntil) } });
      break;
    default: {
      const never: never = query.due;
      throw new Error(`unknown due state ${String(never)}`);
    }
  }
  const folded = query.q ? foldSearchQuery(query.q) : null;
  if (folded) out.push({ searchText: { contains: folded } });
  return out;
}

/** One page of the inbox of `staff` for the query; a cursor whose side is empty starts over. */
export async function loadConsoleInbox(
  ctx: AppContext,
  staff: StaffMember,
  query: ConsoleInboxQuery,
): Promise<ConsoleInboxPage> {
  const { prisma } = ctx.db;
  const today = toVietnamDate(ctx.clock.now());
  const { calendar } = await deadlineSettingsOf(ctx, staff.organizationId);
  const dueSoonUntil = calendar.addWorkingDays(today, DEFAULT_DUE_SOON_WORKING_DAYS);
  const filters: InboxFilters = {
    status: query.status ?? null,
    unitId: query.unit ?? null,
    assignee: query.assignee ?? null,
    urgent: query.urgent === '1',
    overdue: false,
  };
  const extra = extraConditions(query, today, dueSoonUntil);
  const token = query.after ?? query.before;
  const cursor = token ? decodeInboxCursor(token) : null;
  const direction = query.before && cursor ? 'before' : 'after';
  const withExtra = (q: InboxQuery) => ({ where: { AND: [q.where, ...extra] }, orderBy: q.orderBy });
  const keysOf = (parts: InboxQuery[], take: number) =>
    Promise.all(parts.map((part) => findConsoleInboxKeys(prisma, withExtra(part), take)));
  // The first COUNT_CAP + 1 keys of every part give the count and, without a cursor, the page too.
  const [counted, paged] = await Promise.all([
    keysOf(inboxQueryParts(staff, filters, today), CONSOLE_INBOX_COUNT_CAP + 1),
    cursor
      ? keysOf(inboxQueryParts(staff, filters, today, { direction, cursor }), CONSOLE_INBOX_PAGE_SIZE + 1)
      : null,
  ]);
  const keys = mergeInboxParts(paged ?? counted, direction, CONSOLE_INBOX_PAGE_SIZE + 1);
  if (cursor && keys.length === 0) {
    return loadConsoleInbox(ctx, staff, { ...query, after: undefined, before: undefined });
  }
  const count = counted.reduce((sum, part) => sum + part.length, 0);
  const byId = new Map(
    (
      await findConsoleInboxRows(
        prisma,
        keys.map((k) => k.id),
      )
    ).map((row) => [row.id, row]),
  );
  const fetched = keys.flatMap((k) => byId.get(k.id) ?? []);
  const more = fetched.length > CONSOLE_INBOX_PAGE_SIZE;
  let rows = fetched.slice(0, CONSOLE_INBOX_PAGE_SIZE);
  if (direction === 'before' && cursor) rows = rows.reverse();
  const hasPrevious = cursor ? (direction === 'after' ? true : more) : false;
  const hasNext = cursor ? (direction === 'after' ? more : true) : more;
  const edge = (row: ConsoleInboxRow | undefined) => (row ? encodeInboxCursor(inboxCursorOf(row)) : null);
  return {
    rows,
    total: Math.min(count, CONSOLE_INBOX_COUNT_CAP),
    totalCapped: count > CONSOLE_INBOX_COUNT_CAP,
    previous: hasPrevious ? edge(rows[0]) : null,
    next: hasNext ? edge(rows.at(-1)) : null,
    today,
    dueSoonUntil,
  };
}

/** The visibility rule of `staff` alone (the live feed checks changed cases against it). */
export const visibleToStaff = (staff: StaffMember): Prisma.CaseWhereInput => caseVisibilityWhere(staff);

/** One inbox row, if `staff` may see the case (the live feed's row, swapped into the list). */
export async function loadConsoleInboxRow(
  ctx: AppContext,
  staff: StaffMember,
  code: string,
): Promise<{ row: ConsoleInboxRow; today: LocalDate; dueSoonUntil: LocalDate } | null> {
  const today = toVietnamDate(ctx.clock.now());
  const { calendar } = await deadlineSettingsOf(ctx, staff.organizationId);
  const [row] = await findConsoleInboxRowByCode(ctx.db.prisma, code, caseVisibilityWhere(staff));
  return row
    ? { row, today, dueSoonUntil: calendar.addWorkingDays(today, DEFAULT_DUE_SOON_WORKING_DAYS) }
    : null;
}
