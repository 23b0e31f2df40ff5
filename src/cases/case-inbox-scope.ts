// Which cases an inbox lists, as a Prisma `where`: canViewCase (case-permissions.ts) compiled to
// SQL over the case row, so the database answers "which cases may this officer see" and pages
// through all of them, not through the newest few filtered in memory. Pure.
//
// The row holds everything the rule reads: organisation and unit, and the competence referral of
// the routing decision in force (accusedUnitId, competenceLevel, referredToOrganizationId), which
// routing writes with every `route` event (routing.repository.ts recordRouting).
//
// Order: the governing due date ascending, cases without one last, then id; pages are keyset
// pages after (or before) an opaque cursor, so a case inserted meanwhile never shifts a page.
//
// A page is read as disjoint parts (inboxQueryParts), each a range of one index already in inbox
// order, and merged: the database reads a page's worth from each instead of sorting the whole
// scope (decision 0067).
import { fromDbDate, fromEpochDay, toDbDate, toEpochDay, type LocalDate } from '../calendar/local-date.js';
import type { Prisma } from '../db/generated/client.js';
import {
  ROLES_KEPT_WHEN_REFERRED_UP,
  UNIT_BOUND_ROLES,
  overseenOrganizationIds,
  type StaffPrincipal,
} from './case-permissions.js';
import { OPEN_STATUSES, type CaseStatus, type Role } from './case-vocabulary.js';

type Where = Prisma.CaseWhereInput;

/** Matches no row (Prisma reads `in: []` as false). */
const NOTHING: Where = { id: { in: [] } };

const isUnitBound = (role: Role) => (UNIT_BOUND_ROLES as readonly Role[]).includes(role);
const keptWhenReferredUp = (role: Role) => (ROLES_KEPT_WHEN_REFERRED_UP as readonly Role[]).includes(role);

/** Not referred to the managing body. A NULL level must count: SQL's `<>` would drop it. */
const NOT_REFERRED_UP: Where = {
  OR: [{ competenceLevel: null }, { NOT: { competenceLevel: 'managing_body' } }],
};

const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];

/**
 * The cases `staff` may see, rule by rule as applicableRoles decides them:
 * - their own organisation: never a case about the head of a unit they hold any role in
 *   (accusedUnitId), even through an organisation-wide role;
 * - there, a role reaches the case when held org-wide (and not unit-bound) or for the case's unit;
 *   once the case is referred to the managing body only receiver, admin and inspector still do;
 * - another organisation: an org-wide leader of the managing body the case is referred to, and
 *   (read-only) an org-wide leader or inspector of an organisation above the case's (oversight).
 */
export function caseVisibilityWhere(staff: StaffPrincipal): Where {
  const branches = caseVisibilityBranches(staff);
  if (branches.length === 0) return NOTHING;
  return branches.length === 1 ? branches[0]! : { OR: branches };
}

/**
 * caseVisibilityWhere as disjoint alternatives (none: no case): the staff member's own
 * organisation; for an org-wide leader the other organisations' cases referred to it; for
 * oversight the organisations below, minus what the referral branch already lists.
 */
export function caseVisibilityBranches(staff: StaffPrincipal): Where[] {
  const grants = staff.roles;
  const heldUnits = unique(grants.map((g) => g.unitId));
  const orgWide = grants.filter((g) => g.unitId === null && !isUnitBound(g.role));
  const orgWideKept = orgWide.some((g) => keptWhenReferredUp(g.role));
  const unitsAny = heldUnits;
  const unitsKept = unique(grants.filter((g) => keptWhenReferredUp(g.role)).map((g) => g.unitId));

  // Within the organisation: which roles reach the case, and whether one survives a referral up.
  let reach: Where | null;
  if (orgWideKept) reach = {};
  else {
    const alternatives: Where[] = [];
    if (orgWide.length > 0) alternatives.push(NOT_REFERRED_UP);
    else if (unitsAny.length > 0) alternatives.push({ AND: [NOT_REFERRED_UP, { unitId: { in: unitsAny } }] });
    if (unitsKept.length > 0) alternatives.push({ unitId: { in: unitsKept } });
    reach =
      alternatives.length === 0 ? null : alternatives.length === 1 ? alternatives[0]! : { OR: alternatives };
  }

  const branches: Where[] = [];
  if (reach) {
    const notAccused: Where | null =
      heldUnits.length > 0
        ? { OR: [{ accusedUnitId: null }, { accusedUnitId: { notIn: heldUnits } }] }
        : null;
    branches.push({
      organizationId: staff.organizationId,
      ...(notAccused || Object.keys(reach).length ? { AND: [notAccused ?? {}, reach] } : {}),
    });
  }
  const managingBody = grants.some((g) => g.role === 'leader' && g.unitId === null);
  if (managingBody) {
    branches.push({
      competenceLevel: 'managing_body',
      referredToOrganizationId: staff.organizationId,
      organizationId: { not: staff.organizationId },
    });
  }
  const below = overseenOrganizationIds(staff);
  if (below.length > 0) {
    const conditions: Where[] = [];
    // The negation of the branch above, spelt out so that NULL columns count as "not referred here".
    if (managingBody) {
      conditions.push({
        OR: [
          ...NOT_REFERRED_UP.OR!,
          { referredToOrganizationId: null },
          { NOT: { referredToOrganizationId: staff.organizationId } },
        ],
      });
    }
    if (heldUnits.length > 0) {
      conditions.push({ OR: [{ accusedUnitId: null }, { accusedUnitId: { notIn: heldUnits } }] });
    }
    branches.push({
      organizationId: { in: [...below] },
      ...(conditions.length ? { AND: conditions } : {}),
    });
  }
  return branches;
}

export interface InboxFilters {
  /** null: the open statuses; 'all': any status. */
  readonly status: CaseStatus | 'all' | null;
  readonly unitId: string | null;
  /** me: assigned to the staff member; none: nobody assigned yet. */
  readonly assignee: 'me' | 'none' | null;
  readonly urgent: boolean;
  /** The governing due date has passed (before today in Vietnam). */
  readonly overdue: boolean;
}

export const NO_INBOX_FILTERS: InboxFilters = {
  status: null,
  unitId: null,
  assignee: null,
  urgent: false,
  overdue: false,
};

/** A position in the inbox order: the governing due date and id of a case. */
export interface InboxCursor {
  readonly dueOn: LocalDate | null;
  readonly id: string;
}

export type InboxDirection = 'after' | 'before';

export interface InboxQuery {
  where: Where;
  orderBy: Prisma.CaseOrderByWithRelationInput[];
}

/**
 * The inbox of `staff` with `filters`, as of `today` (Vietnam). With a cursor: the cases after it
 * in inbox order, or before it, nearest first (the caller reverses those to show them in order).
 */
export function inboxQuery(
  staff: StaffPrincipal,
  filters: InboxFilters,
  today: LocalDate,
  page?: { direction: InboxDirection; cursor: InboxCursor },
): InboxQuery {
  const status: Where[] =
    filters.status === null
      ? [{ status: { in: [...OPEN_STATUSES] } }]
      : filters.status === 'all'
        ? []
        : [{ status: filters.status }];
  return {
    where: { AND: [caseVisibilityWhere(staff), ...status, ...filterConditions(staff, filters, today, page)] },
    orderBy: inboxOrderBy(page?.direction ?? 'after'),
  };
}

/**
 * inboxQuery as disjoint parts, each a range of one index in inbox order: one per visibility
 * branch and, for the open statuses, one per status, since `status IN (…)` would leave the rows of
 * an (…, status, governingDueOn, id) index out of order and the database sorting the whole scope.
 * Read a page from each and merge them with mergeInboxParts.
 */
export function inboxQueryParts(
  staff: StaffPrincipal,
  filters: InboxFilters,
  today: LocalDate,
  page?: { direction: InboxDirection; cursor: InboxCursor },
): InboxQuery[] {
  const branches = caseVisibilityBranches(staff);
  const statuses: (Where | null)[] =
    filters.status === null
      ? OPEN_STATUSES.map((status) => ({ status }))
      : filters.status === 'all'
        ? [null]
        : [{ status: filters.status }];
  const rest = filterConditions(staff, filters, today, page);
  const orderBy = inboxOrderBy(page?.direction ?? 'after');
  if (branches.length === 0) return [{ where: NOTHING, orderBy }];
  return branches.flatMap((branch) =>
    statuses.map((status) => ({ where: { AND: [branch, ...(status ? [status] : []), ...rest] }, orderBy })),
  );
}

function filterConditions(
  staff: StaffPrincipal,
  filters: InboxFilters,
  today: LocalDate,
  page: { direction: InboxDirection; cursor: InboxCursor } | undefined,
): Where[] {
  const conditions: Where[] = [];
  if (filters.unitId) conditions.push({ unitId: filters.unitId });
  if (filters.assignee === 'me') conditions.push({ assigneeId: staff.id });
  if (filters.assignee === 'none') conditions.push({ assigneeId: null });
  if (filters.urgent) conditions.push({ urgency: 'urgent' });
  if (filters.overdue) conditions.push({ governingDueOn: { lt: toDbDate(today) } });
  if (page) conditions.push(keysetWhere(page.direction, page.cursor));
  return conditions;
}

const inboxOrderBy = (direction: InboxDirection): Prisma.CaseOrderByWithRelationInput[] =>
  direction === 'before'
    ? [{ governingDueOn: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }]
    : [{ governingDueOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }];

/** The inbox order (due date ascending, none last, then id) of two rows; ids are lower-case uuids. */
export function compareInboxOrder(
  a: { id: string; governingDueOn: Date | null },
  b: { id: string; governingDueOn: Date | null },
): number {
  const da = a.governingDueOn?.getTime() ?? Infinity;
  const db = b.governingDueOn?.getTime() ?? Infinity;
  if (da !== db) return da < db ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The first `take` rows of the parts' pages (each read in its query's order, `direction` as
 * asked) in that same order: the page inboxQuery would have given.
 */
export function mergeInboxParts<T extends { id: string; governingDueOn: Date | null }>(
  pages: T[][],
  direction: InboxDirection,
  take: number,
): T[] {
  const sign = direction === 'before' ? -1 : 1;
  return pages
    .flat()
    .sort((a, b) => sign * compareInboxOrder(a, b))
    .slice(0, take);
}

/** Strictly after (or before) the cursor in the order (due date asc, nulls last, id). */
function keysetWhere(direction: InboxDirection, { dueOn, id }: InboxCursor): Where {
  if (direction === 'after') {
    if (dueOn === null) return { governingDueOn: null, id: { gt: id } };
    const due = toDbDate(dueOn);
    return {
      OR: [
        { governingDueOn: { gt: due } },
        { governingDueOn: due, id: { gt: id } },
        { governingDueOn: null },
      ],
    };
  }
  if (dueOn === null)
    return { OR: [{ governingDueOn: { not: null } }, { governingDueOn: null, id: { lt: id } }] };
  const due = toDbDate(dueOn);
  return { OR: [{ governingDueOn: { lt: due } }, { governingDueOn: due, id: { lt: id } }] };
}

export function inboxCursorOf(row: { id: string; governingDueOn: Date | null }): InboxCursor {
  return { id: row.id, dueOn: row.governingDueOn ? fromDbDate(row.governingDueOn) : null };
}

/** No due date, in the cursor's two bytes of epoch day (days up to 2149 fit below it). */
const NO_DUE_DATE = 0xffff;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 24 URL-safe characters: base64url of the due date's epoch day (2 bytes) and the id (16 bytes),
 * short enough to ride in a Telegram button (64 bytes) with the filters.
 */
export function encodeInboxCursor(cursor: InboxCursor): string {
  const bytes = Buffer.alloc(18);
  bytes.writeUInt16BE(cursor.dueOn === null ? NO_DUE_DATE : toEpochDay(cursor.dueOn), 0);
  Buffer.from(cursor.id.replace(/-/g, ''), 'hex').copy(bytes, 2);
  return bytes.toString('base64url');
}

/** The cursor in `token`, or null when it is not one (typed by hand, or truncated). */
export function decodeInboxCursor(token: string): InboxCursor | null {
  if (!/^[A-Za-z0-9_-]{24}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 18) return null;
  const day = bytes.readUInt16BE(0);
  const hex = bytes.subarray(2).toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!UUID.test(id)) return null;
  return { dueOn: day === NO_DUE_DATE ? null : fromEpochDay(day), id };
}
