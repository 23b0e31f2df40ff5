// The only periodic-report code that touches the database. The figures come from one aggregate
// pass over the cases received in the period (one row per organisation and unit, every figure a
// `count(*) FILTER (…)` column generated from the buckets of report-model.ts), so a yearly report
// on a million cases costs about one scan, not one query per unit or per figure. Plain SQL that
// PGlite and PostgreSQL both run: no time-zone names (Vietnam is UTC+7 all year, so a Vietnamese
// calendar day is `(instant + 7 hours)::date` of the UTC timestamps Prisma stores).
import type { Db } from '../../db/database.js';
import {
  CASE_KINDS,
  CHANNELS,
  OPEN_STATUSES,
  type CaseKind,
  type Channel,
} from '../../cases/case-vocabulary.js';
import { CLOCK_KINDS } from '../../deadlines/time-limit.js';
import { isStatutoryClockKind } from '../../deadlines/governing-clock.js';
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

/** A literal from the vocabulary, checked so nothing but [a-z_] ever reaches the SQL text. */
function lit(value: string): string {
  if (!/^[a-z_0-9]+$/.test(value)) throw new Error(`not a vocabulary word: ${value}`);
  return `'${value}'`;
}
const list = (values: readonly string[]) => values.map(lit).join(', ');

/** One figure: the column alias and where it goes in ReportCounts. */
interface Metric {
  alias: string;
  where: string | null;
  put: (c: ReportCounts, n: number) => void;
  /** sum(satisfaction) instead of a count. */
  sum?: true;
}

const answered = `status IN (${list(ANSWERED_STATUSES)})`;
const upheld = `outcome IN (${list(UPHELD_OUTCOMES)})`;

const METRICS: readonly Metric[] = [
  { alias: 'received', where: null, put: (c, n) => (c.received = n) },
  ...CHANNELS.map((ch: Channel): Metric => ({
    alias: `ch_${ch}`,
    where: `channel = ${lit(ch)}`,
    put: (c, n) => (c.byChannel[ch] = n),
  })),
  ...CASE_KINDS.map((k: CaseKind): Metric => ({
    alias: `k_${k}`,
    where: `kind = ${lit(k)}`,
    put: (c, n) => (c.byKind[k] = n),
  })),
  { alias: 'resolved', where: answered, put: (c, n) => (c.resolved = n) },
  { alias: 'resolved_on_time', where: `${answered} AND on_time`, put: (c, n) => (c.resolvedOnTime = n) },
  { alias: 'resolved_late', where: `${answered} AND NOT on_time`, put: (c, n) => (c.resolvedLate = n) },
  { alias: 'open', where: `status IN (${list(OPEN_STATUSES)})`, put: (c, n) => (c.open = n) },
  {
    alias: 'open_overdue',
    where: `status IN (${list(OPEN_STATUSES)}) AND due_on < $4::date`,
    put: (c, n) => (c.openOverdue = n),
  },
  ...REPORT_OUTCOMES.map((o): Metric => ({
    alias: `o_${o.key}`,
    where: 'outcome' in o ? `outcome = ${lit(o.outcome)}` : `status = ${lit(o.status)}`,
    put: (c, n) => (c.outcomes[o.key] = n),
  })),
  { alias: 'sat_answered', where: 'satisfaction IS NOT NULL', put: (c, n) => (c.satisfaction.answered = n) },
  { alias: 'sat_sum', where: null, sum: true, put: (c, n) => (c.satisfaction.sum = n) },
  ...SATISFACTION_SCORES.map((s): Metric => ({
    alias: `sat_${s}`,
    where: `satisfaction = ${s}`,
    put: (c, n) => (c.satisfaction.byScore[`${s}`] = n),
  })),
  { alias: 'hl_calls', where: `channel = 'hotline'`, put: (c, n) => (c.hotline.calls = n) },
  {
    alias: 'hl_urgent',
    where: `channel = 'hotline' AND urgency = 'urgent'`,
    put: (c, n) => (c.hotline.urgent = n),
  },
  { alias: 'hl_in_shift', where: `channel = 'hotline' AND in_shift`, put: (c, n) => (c.hotline.inShift = n) },
  {
    alias: 'hl_outside_shift',
    where: `channel = 'hotline' AND NOT in_shift`,
    put: (c, n) => (c.hotline.outsideShift = n),
  },
  { alias: 'sf_count', where: `audience = 'staff'`, put: (c, n) => (c.staffFeedback.count = n) },
  {
    alias: 'sf_answered',
    where: `audience = 'staff' AND ${answered}`,
    put: (c, n) => (c.staffFeedback.answered = n),
  },
  {
    alias: 'sf_on_time',
    where: `audience = 'staff' AND ${answered} AND on_time`,
    put: (c, n) => (c.staffFeedback.answeredOnTime = n),
  },
  {
    alias: 'sf_taken',
    where: `audience = 'staff' AND ${upheld}`,
    put: (c, n) => (c.staffFeedback.takenOnBoard = n),
  },
  { alias: 'praise', where: `kind = 'praise'`, put: (c, n) => (c.praise = n) },
  {
    alias: 'upheld',
    where: `kind IN (${list(ACCUSING_KINDS)}) AND ${upheld}`,
    put: (c, n) => (c.upheld = n),
  },
];

const STATUTORY_CLOCK_KINDS = CLOCK_KINDS.filter(isStatutoryClockKind);

/** The Vietnamese calendar day of a stored UTC timestamp. */
const vnDay = (column: string) => `(${column} + interval '7 hours')::date`;

/**
 * $1 organisation ids, $2/$3 the period's bounds (UTC timestamps), $4 the day the figures stand
 * at. "On time" for an answered case: answered on or before the due date of the clock that
 * governed it then — among the clocks counting at that moment, a statutory one before the unit's
 * own target, the earliest due first (src/deadlines/governing-clock.ts) — or with no clock at all.
 */
const FIGURES_SQL = `
WITH c AS (
  SELECT c.id, c."organizationId" AS org, c."unitId" AS unit, c.kind::text AS kind,
         c.channel::text AS channel, c.audience::text AS audience, c.status::text AS status,
         c.outcome::text AS outcome, c.satisfaction, c.urgency::text AS urgency, c."receivedAt" AS received_at,
         COALESCE(c."resolvedAt", c."closedAt") AS answered_at, c."governingDueOn" AS due_on
  FROM cases c
  WHERE c."organizationId" = ANY($1::uuid[]) AND c."receivedAt" >= $2::timestamp AND c."receivedAt" < $3::timestamp
),
gov AS (
  SELECT k."caseId" AS id,
         COALESCE(MIN(k."dueOn") FILTER (WHERE k.kind IN (${list(STATUTORY_CLOCK_KINDS)})), MIN(k."dueOn")) AS due_on
  FROM clocks k JOIN c ON c.id = k."caseId"
  WHERE c.answered_at IS NOT NULL AND c.status IN (${list(ANSWERED_STATUSES)})
    AND k."startedOn" <= ${vnDay('c.answered_at')}
    AND (k."stoppedAt" IS NULL OR k."stoppedAt" >= c.answered_at)
  GROUP BY k."caseId"
),
x AS (
  SELECT c.*,
         (gov.due_on IS NULL OR ${vnDay('c.answered_at')} <= gov.due_on) AS on_time,
         (c.channel = 'hotline' AND EXISTS (
            SELECT 1 FROM duty_shifts s
            WHERE s."organizationId" = c.org AND s."startsAt" <= c.received_at AND s."endsAt" > c.received_at
         )) AS in_shift
  FROM c LEFT JOIN gov ON gov.id = c.id
)
SELECT org::text AS org, unit::text AS unit,
${METRICS.map((m) =>
  m.sum
    ? `  COALESCE(sum(satisfaction), 0)::int AS ${m.alias}`
    : `  count(*)${m.where ? ` FILTER (WHERE ${m.where})` : ''}::int AS ${m.alias}`,
).join(',\n')}
FROM x GROUP BY org, unit`;

export interface FigureRow {
  organizationId: string;
  unitId: string | null;
  counts: ReportCounts;
}

const sqlTimestamp = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

export async function aggregateCaseFigures(
  db: Db,
  input: { organizationIds: readonly string[]; from: Date; to: Date; asOf: string },
): Promise<FigureRow[]> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    FIGURES_SQL,
    [...input.organizationIds],
    sqlTimestamp(input.from),
    sqlTimestamp(input.to),
    input.asOf,
  );
  return rows.map((row) => {
    const counts = emptyCounts();
    for (const m of METRICS) m.put(counts, Number(row[m.alias] ?? 0));
    return { organizationId: String(row.org), unitId: row.unit === null ? null : String(row.unit), counts };
  });
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
