// The only periodic-report code that touches the database. The figures come from one grouped
// pass over the cases received in the period (narrow columns counted in a few small groupings, see
// GROUPINGS and decision 0059; no join:
// "on time" reads the due date kept on the case when it was answered), then every figure is a
// predicate over those groups in JS (METRICS, from the buckets of report-model.ts), so a yearly
// report on a million cases costs about one scan, not one query per unit or per figure. The pass
// reads the covering index cases_report_idx alone and is cut into organisations and stretches of
// time counted at once on separate connections (decisions 0063, 0072). Plain SQL that
// PGlite and PostgreSQL both run: no time-zone names (Vietnam is UTC+7 all year, so a Vietnamese
// calendar day is `(instant + 7 hours)::date` of the UTC timestamps Prisma stores).
import type { Db } from '../../db/database.js';
import {
  CASE_KINDS,
  CHANNELS,
  OPEN_STATUSES,
  isOpenStatus,
  type CaseKind,
  type CaseStatus,
  type Channel,
  type Outcome,
} from '../../cases/case-vocabulary.js';
import {
  ACCUSING_KINDS,
  ANSWERED_STATUSES,
  REPORT_OUTCOMES,
  SATISFACTION_SCORES,
  UPHELD_OUTCOMES,
  emptyCounts,
  type ReportCounts,
} from './report-model.js';

export interface ScopeOrganization {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  place: string | null;
}

export function listAllOrganizations(db: Db): Promise<ScopeOrganization[]> {
  return db.organization.findMany({
    select: { id: true, code: true, name: true, parentId: true, place: true },
    orderBy: { code: 'asc' },
  });
}

export function listUnitsOf(db: Db, organizationIds: readonly string[]) {
  return db.unit.findMany({
    where: { organizationId: { in: [...organizationIds] } },
    select: { id: true, code: true, name: true, organizationId: true },
    orderBy: { code: 'asc' },
  });
}

/** The columns a case is grouped by: every figure is a predicate over them (METRICS below). */
export interface CaseGroup {
  organizationId: string;
  /** No unit, or (previous period) not grouped by unit. */
  unitId: string | null;
  /** False for the previous period's cases. */
  current: boolean;
  kind: CaseKind;
  channel: Channel;
  audience: string;
  status: CaseStatus;
  outcome: Outcome | null;
  satisfaction: number | null;
  urgency: string;
  /** Answered on or before the governing due date then in force (or with none); meaningful when answered. */
  onTime: boolean;
  /** The governing due date on the row is before the report's day; meaningful while open. */
  overdue: boolean;
  /** Received inside a duty shift of its organisation; looked up for hotline cases only. */
  inShift: boolean;
  /** Index in GROUPINGS of the grouping this row counts. */
  grouping: number;
  /** How many cases share these values. */
  n: number;
}

/** The columns cases are grouped by (besides organisation, unit and period), as SQL names them. */
const DIMENSIONS = [
  'kind',
  'channel',
  'audience',
  'status',
  'outcome',
  'satisfaction',
  'urgency',
  'on_time',
  'overdue',
  'in_shift',
] as const;
type Dimension = (typeof DIMENSIONS)[number];

/**
 * The groupings one scan counts (SQL GROUPING SETS): a figure reads the first that holds every
 * column it reads. Grouping by all the columns at once would return nearly a row per case once
 * the columns vary independently; these few small groupings return a few dozen rows per unit.
 */
const GROUPINGS: readonly (readonly Dimension[])[] = [
  ['audience', 'status', 'on_time', 'overdue'],
  ['channel', 'urgency', 'in_shift'],
  ['kind', 'outcome', 'audience'],
  ['satisfaction'],
];

/** One figure: the columns it reads, which grouped cases it counts, where they go in ReportCounts. */
interface MetricSpec {
  reads: readonly Dimension[];
  when: (g: CaseGroup) => boolean;
  add: (c: ReportCounts, g: CaseGroup) => void;
}
interface Metric extends MetricSpec {
  /** Index in GROUPINGS of the rows it counts. */
  grouping: number;
}

const isAnswered = (g: CaseGroup) => (ANSWERED_STATUSES as readonly string[]).includes(g.status);
const isOpen = (g: CaseGroup) => isOpenStatus(g.status);
const isUpheld = (g: CaseGroup) =>
  g.outcome !== null && (UPHELD_OUTCOMES as readonly string[]).includes(g.outcome);
const isHotline = (g: CaseGroup) => g.channel === 'hotline';
const isStaff = (g: CaseGroup) => g.audience === 'staff';
const always = () => true;

const METRIC_SPECS: readonly MetricSpec[] = [
  { reads: [], when: always, add: (c, g) => (c.received += g.n) },
  ...CHANNELS.map((ch): MetricSpec => ({
    reads: ['channel'],
    when: (g) => g.channel === ch,
    add: (c, g) => (c.byChannel[ch] += g.n),
  })),
  ...CASE_KINDS.map((k): MetricSpec => ({
    reads: ['kind'],
    when: (g) => g.kind === k,
    add: (c, g) => (c.byKind[k] += g.n),
  })),
  { reads: ['status'], when: isAnswered, add: (c, g) => (c.resolved += g.n) },
  {
    reads: ['status', 'on_time'],
    when: (g) => isAnswered(g) && g.onTime,
    add: (c, g) => (c.resolvedOnTime += g.n),
  },
  {
    reads: ['status', 'on_time'],
    when: (g) => isAnswered(g) && !g.onTime,
    add: (c, g) => (c.resolvedLate += g.n),
  },
  { reads: ['status'], when: isOpen, add: (c, g) => (c.open += g.n) },
  {
    reads: ['status', 'overdue'],
    when: (g) => isOpen(g) && g.overdue,
    add: (c, g) => (c.openOverdue += g.n),
  },
  ...REPORT_OUTCOMES.map((o): MetricSpec =>
    'outcome' in o
      ? {
          reads: ['outcome'],
          when: (g) => g.outcome === o.outcome,
          add: (c, g) => (c.outcomes[o.key] += g.n),
        }
      : { reads: ['status'], when: (g) => g.status === o.status, add: (c, g) => (c.outcomes[o.key] += g.n) },
  ),
  {
    reads: ['satisfaction'],
    when: (g) => g.satisfaction !== null,
    add: (c, g) => {
      c.satisfaction.answered += g.n;
      c.satisfaction.sum += g.satisfaction! * g.n;
    },
  },
  ...SATISFACTION_SCORES.map((s): MetricSpec => ({
    reads: ['satisfaction'],
    when: (g) => g.satisfaction === s,
    add: (c, g) => (c.satisfaction.byScore[`${s}`] += g.n),
  })),
  { reads: ['channel'], when: isHotline, add: (c, g) => (c.hotline.calls += g.n) },
  {
    reads: ['channel', 'urgency'],
    when: (g) => isHotline(g) && g.urgency === 'urgent',
    add: (c, g) => (c.hotline.urgent += g.n),
  },
  {
    reads: ['channel', 'in_shift'],
    when: (g) => isHotline(g) && g.inShift,
    add: (c, g) => (c.hotline.inShift += g.n),
  },
  {
    reads: ['channel', 'in_shift'],
    when: (g) => isHotline(g) && !g.inShift,
    add: (c, g) => (c.hotline.outsideShift += g.n),
  },
  { reads: ['audience'], when: isStaff, add: (c, g) => (c.staffFeedback.count += g.n) },
  {
    reads: ['audience', 'status'],
    when: (g) => isStaff(g) && isAnswered(g),
    add: (c, g) => (c.staffFeedback.answered += g.n),
  },
  {
    reads: ['audience', 'status', 'on_time'],
    when: (g) => isStaff(g) && isAnswered(g) && g.onTime,
    add: (c, g) => (c.staffFeedback.answeredOnTime += g.n),
  },
  {
    reads: ['audience', 'outcome'],
    when: (g) => isStaff(g) && isUpheld(g),
    add: (c, g) => (c.staffFeedback.takenOnBoard += g.n),
  },
  { reads: ['kind'], when: (g) => g.kind === 'praise', add: (c, g) => (c.praise += g.n) },
  {
    reads: ['kind', 'outcome'],
    when: (g) => (ACCUSING_KINDS as readonly string[]).includes(g.kind) && isUpheld(g),
    add: (c, g) => (c.upheld += g.n),
  },
];

const METRICS: readonly Metric[] = METRIC_SPECS.map((m) => {
  const grouping = GROUPINGS.findIndex((set) => m.reads.every((d) => set.includes(d)));
  if (grouping < 0) throw new Error(`no grouping holds ${m.reads.join(', ')}`);
  return { ...m, grouping };
});

/** METRICS by the grouping whose rows they count: a group is only tried against its own. */
const METRICS_BY_GROUPING = GROUPINGS.map((_, i) => METRICS.filter((m) => m.grouping === i));

/** GROUPING()'s bit mask of each grouping (a bit set for each column it does not group by). */
const GROUPING_MASKS = GROUPINGS.map((set) =>
  DIMENSIONS.reduce((mask, d) => (mask << 1) | (set.includes(d) ? 0 : 1), 0),
);

/** The Vietnamese calendar day of a stored UTC timestamp. */
const vnDay = (column: string) => `(${column} + interval '7 hours')::date`;

/**
 * The cases of the organisation $1 received in [$2, $3), counted in each of GROUPINGS (per unit
 * when `byUnit`: the previous period's figures are only read as totals, for the trends, so its
 * statements group by no unit and hash a key fewer per case); the figures are then added up in JS
 * from METRICS, so no figure's rule is written twice. Every column read here is in the index
 * cases_report_idx (keep them together), so this is an index-only scan. One organisation per
 * statement: the organisation is a constant rather than a grouping key, and its duty shifts in the
 * stretch are merged once into one multirange (an InitPlan) that a hotline case's receipt instant
 * is looked up in, instead of a duty_shifts lookup per hotline case (decision 0072: that lookup
 * was about a third of the statement). A shift is [startsAt, endsAt), as tsrange's bounds are; one
 * that ends before it starts holds no instant and would not make a range. The groups come back as
 * one JSON text (a row per group through the driver costs more than the grouping).
 */
function groupedSql(byUnit: boolean): string {
  const unit = byUnit ? 'unit, ' : '';
  return `
SELECT COALESCE(json_agg(json_build_array(${unit}${DIMENSIONS.join(', ')}, grouping_mask, n)), '[]')::text AS groups
FROM (
  SELECT ${unit}${DIMENSIONS.join(', ')}, GROUPING(${DIMENSIONS.join(', ')}) AS grouping_mask,
         count(*)::int AS n
  FROM (
    SELECT c."unitId" AS unit,
           c.kind, c.channel, c.audience, c.status, c.outcome, c.satisfaction, c.urgency,
           (c."answeredDueOn" IS NULL OR ${vnDay('COALESCE(c."resolvedAt", c."closedAt")')} <= c."answeredDueOn") AS on_time,
           COALESCE(c."governingDueOn" < $4::date, false) AS overdue,
           COALESCE(c.channel = 'hotline' AND c."receivedAt" <@ (
             SELECT range_agg(tsrange(s."startsAt", s."endsAt")) FROM duty_shifts s
             WHERE s."organizationId" = $1::uuid AND s."startsAt" < $3::timestamp AND s."endsAt" > $2::timestamp
               AND s."startsAt" < s."endsAt"
           ), false) AS in_shift
    FROM cases c
    WHERE c."organizationId" = $1::uuid AND c."receivedAt" >= $2::timestamp AND c."receivedAt" < $3::timestamp
  ) x
  GROUP BY ${unit}GROUPING SETS (${GROUPINGS.map((set) => `(${set.join(', ')})`).join(', ')})
) g`;
}
const CURRENT_SQL = groupedSql(true);
const PREVIOUS_SQL = groupedSql(false);

export interface FigureRow {
  /** False for the previous period's cases. */
  current: boolean;
  organizationId: string;
  /** No unit; for the previous period, always null: its figures are counted per organisation only. */
  unitId: string | null;
  counts: ReportCounts;
}

const sqlTimestamp = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** A grouped row as the statement returns it, after its unit when it groups by unit. */
type DimensionTuple = [
  CaseKind,
  Channel,
  string,
  CaseStatus,
  Outcome | null,
  number | null,
  string,
  boolean,
  boolean,
  boolean,
  number,
  number,
];

/**
 * A grouped row of one statement (its organisation, period and whether it grouped by unit); the
 * columns its grouping does not group by are null, and no metric of it reads them.
 */
function toGroup(
  tuple: unknown[],
  statement: { organizationId: string; current: boolean; byUnit: boolean },
): CaseGroup {
  const unit = statement.byUnit ? (tuple[0] as string | null) : null;
  const t = (statement.byUnit ? tuple.slice(1) : tuple) as DimensionTuple;
  const [kind, channel, audience, status, outcome, satisfaction] = t;
  const [, , , , , , urgency, onTime, overdue, inShift, mask, n] = t;
  const grouping = GROUPING_MASKS.indexOf(mask);
  if (grouping < 0) throw new Error(`unexpected grouping mask ${mask}`);
  return {
    organizationId: statement.organizationId,
    unitId: unit,
    current: statement.current,
    kind,
    channel,
    audience,
    status,
    outcome,
    satisfaction,
    urgency,
    onTime,
    overdue,
    inShift,
    grouping,
    n,
  };
}

/** Adds each group into the counts of its organisation, unit and period. */
export function countGroups(groups: Iterable<CaseGroup>): FigureRow[] {
  const out = new Map<string, FigureRow>();
  for (const g of groups) {
    const key = `${g.organizationId}|${g.unitId ?? ''}|${g.current}`;
    let row = out.get(key);
    if (!row) {
      row = { current: g.current, organizationId: g.organizationId, unitId: g.unitId, counts: emptyCounts() };
      out.set(key, row);
    }
    for (const m of METRICS_BY_GROUPING[g.grouping]!) if (m.when(g)) m.add(row.counts, g);
  }
  return [...out.values()];
}

/** A stretch of receipt instants one statement counts, and whether it lies in the current period. */
export interface ScanSlice {
  from: Date;
  to: Date;
  current: boolean;
}

/**
 * How many stretches each period of each organisation is cut into. GROUPING SETS cannot use
 * PostgreSQL's parallel workers, so the parallelism is ours: each stretch of each organisation is
 * one statement on a connection of the pool, STATEMENTS_AT_ONCE at a time, and the groups of the
 * same organisation, unit and period add up in countGroups. Two per period, so a report on one
 * organisation still runs four statements at once, about the processes a parallel sequential scan
 * uses here (leader and two workers); PGlite has one connection and runs them in turn.
 */
const SLICES_PER_PERIOD = 2;

/**
 * Statements of one report running at once: the processes a parallel scan uses here, and well
 * under the pool's ten connections (src/db/database.ts), whose wait for a free connection times
 * out after two seconds: a managing body over many organisations must not queue them all there.
 */
export const STATEMENTS_AT_ONCE = 4;

/** The period and the previous one, each cut into SLICES_PER_PERIOD equal stretches of time. */
export function scanSlices(
  period: { from: Date; to: Date },
  previous: { from: Date; to: Date },
): ScanSlice[] {
  const cut = (p: { from: Date; to: Date }, current: boolean) => {
    const step = (p.to.getTime() - p.from.getTime()) / SLICES_PER_PERIOD;
    const at = (i: number) => new Date(p.from.getTime() + Math.round(step * i));
    return Array.from({ length: SLICES_PER_PERIOD }, (_, i) => ({
      from: at(i),
      to: i === SLICES_PER_PERIOD - 1 ? p.to : at(i + 1),
      current,
    }));
  };
  return [...cut(period, true), ...cut(previous, false)];
}

interface CaseFiguresInput {
  organizationIds: readonly string[];
  period: { from: Date; to: Date };
  previous: { from: Date; to: Date };
  asOf: string;
}

/**
 * The statements that count the case figures, one per organisation and stretch of time; the
 * previous period's group by no unit (bench/reports explains them).
 */
export function caseFiguresStatements(input: CaseFiguresInput) {
  return scanSlices(input.period, input.previous).flatMap((slice) =>
    input.organizationIds.map((organizationId) => ({
      organizationId,
      current: slice.current,
      byUnit: slice.current,
      sql: slice.current ? CURRENT_SQL : PREVIOUS_SQL,
      params: [organizationId, sqlTimestamp(slice.from), sqlTimestamp(slice.to), input.asOf] as const,
    })),
  );
}

export async function aggregateCaseFigures(
  db: Db,
  input: CaseFiguresInput & {
    /** work_mem for the grouping, so it hashes in memory instead of sorting on disk. */
    workMemMb: number;
  },
): Promise<FigureRow[]> {
  const statements = caseFiguresStatements(input);
  const groups: CaseGroup[] = [];
  let next = 0;
  // Once a statement fails the report has failed: the other runners take no further statement.
  let failed = false;
  const runner = async () => {
    while (!failed && next < statements.length) {
      const statement = statements[next++]!;
      try {
        const [, [row]] = await db.$transaction([
          db.$executeRawUnsafe(`SET LOCAL work_mem = '${Math.trunc(input.workMemMb)}MB'`),
          db.$queryRawUnsafe<{ groups: string }[]>(statement.sql, ...statement.params),
        ]);
        for (const t of JSON.parse(row!.groups) as unknown[][]) groups.push(toGroup(t, statement));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(STATEMENTS_AT_ONCE, statements.length) }, runner));
  return countGroups(groups);
}

/** Duty shifts begun in the period and weeks whose leaders' hotline review went out, per organisation. */
export async function countHotlineDuty(
  db: Db,
  input: { organizationIds: readonly string[]; from: Date; to: Date },
): Promise<Map<string, { dutyShifts: number; hotlineReviews: number }>> {
  const ids = [...input.organizationIds];
  const [shifts, reviews] = await Promise.all([
    db.dutyShift.groupBy({
      by: ['organizationId'],
      where: { organizationId: { in: ids }, startsAt: { gte: input.from, lt: input.to } },
      _count: { _all: true },
    }),
    // The weekly review's dedupe key is hotline-review:<organisation>:<monday>:leader:<staff>
    // (send-hotline-review.ts): one week counts once, whatever the number of leaders.
    db.$queryRawUnsafe<{ org: string; weeks: number }[]>(
      `SELECT split_part("dedupeKey", ':', 2) AS org, count(DISTINCT split_part("dedupeKey", ':', 3))::int AS weeks
       FROM notifications
       WHERE "dedupeKey" LIKE 'hotline-review:%' AND status IN ('pending', 'sent')
         AND "createdAt" >= $1::timestamp AND "createdAt" < $2::timestamp
         AND split_part("dedupeKey", ':', 2) = ANY($3::text[])
       GROUP BY 1`,
      sqlTimestamp(input.from),
      sqlTimestamp(input.to),
      ids,
    ),
  ]);
  const out = new Map(ids.map((id) => [id, { dutyShifts: 0, hotlineReviews: 0 }]));
  for (const s of shifts) out.get(s.organizationId)!.dutyShifts = s._count._all;
  for (const r of reviews) {
    const entry = out.get(r.org);
    if (entry) entry.hotlineReviews = Number(r.weeks);
  }
  return out;
}

/** Cases received in the period, still open and past their governing due date on `asOf`. */
export function listOverdueCases(
  db: Db,
  input: { organizationIds: readonly string[]; from: Date; to: Date; asOf: Date },
) {
  return db.case.findMany({
    where: {
      organizationId: { in: [...input.organizationIds] },
      receivedAt: { gte: input.from, lt: input.to },
      status: { in: [...OPEN_STATUSES] },
      governingDueOn: { lt: input.asOf },
    },
    select: {
      code: true,
      kind: true,
      organizationId: true,
      unitId: true,
      governingClockKind: true,
      governingDueOn: true,
      paused: true,
      clocks: { select: { kind: true, status: true, extensions: true, dueResetOn: true } },
    },
    orderBy: [{ governingDueOn: 'asc' }, { code: 'asc' }],
  });
}
