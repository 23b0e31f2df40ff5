// The Prisma reads and writes of deadline milestones: which clocks to look at, which milestones
// already fired (their audit events), and the guarded write that records a firing once.
import { appendCaseEvent } from '../cases/case.repository.js';
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';
import { toDbDate, type LocalDate } from '../calendar/local-date.js';
import { OPEN_STATUSES } from '../cases/case-vocabulary.js';

/** The audit actions that record a fired milestone; data is { clockKind, milestone, dueOn, … }. */
export const MILESTONE_EVENT_ACTIONS = ['deadline_reminder', 'escalated'] as const;
export type MilestoneEventAction = (typeof MILESTONE_EVENT_ACTIONS)[number];

export interface FiredKey {
  clockKind: string;
  milestone: string;
  dueOn: string;
}

/** One firing of one case's milestone: the case is part of it, or two cases would hide each other's. */
export const firedKey = (caseId: string, k: FiredKey): string =>
  `${caseId}|${k.clockKind}|${k.milestone}|${k.dueOn}`;

const clockWithCase = {
  case: {
    select: {
      id: true,
      code: true,
      status: true,
      organizationId: true,
      unitId: true,
      assigneeId: true,
      governingClockKind: true,
      organization: { select: { settings: true } },
    },
  },
} as const;

export function findClockWithCase(db: Db, clockId: string) {
  return db.clock.findUnique({ where: { id: clockId }, include: clockWithCase });
}

/** The organisation's settings (its deadline policy and internal limits). */
export function findOrganizationSettings(db: Db | Prisma.TransactionClient, organizationId: string) {
  return db.organization.findUnique({ where: { id: organizationId }, select: { settings: true } });
}

export function listCaseClocksWithCase(db: Db, caseId: string) {
  return db.clock.findMany({ where: { caseId }, include: clockWithCase, orderBy: { createdAt: 'asc' } });
}

/**
 * One page of running clocks of open cases due on or before `dueBy` (the sweep's horizon), after
 * the clock id `after`: the sweep holds one page at a time, whatever the number of open cases.
 */
export function listRunningClocksDueBy(
  db: Db,
  dueBy: LocalDate,
  page: { after: string | null; take: number },
) {
  return db.clock.findMany({
    where: {
      status: 'running',
      dueOn: { lte: toDbDate(dueBy) },
      case: { status: { in: [...OPEN_STATUSES] } },
      ...(page.after ? { id: { gt: page.after } } : {}),
    },
    include: clockWithCase,
    orderBy: { id: 'asc' },
    take: page.take,
  });
}

/** One page of running clocks of open cases after the clock id `after` (re-counting after a calendar change). */
export function listRunningClocksOfOpenCases(db: Db, page: { after: string | null; take: number }) {
  return db.clock.findMany({
    where: {
      status: 'running',
      case: { status: { in: [...OPEN_STATUSES] } },
      ...(page.after ? { id: { gt: page.after } } : {}),
    },
    include: { case: { select: { organizationId: true } } },
    orderBy: { id: 'asc' },
    take: page.take,
  });
}

export async function listFiredKeys(
  db: Db | Prisma.TransactionClient,
  caseIds: string[],
): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db.caseEvent.findMany({
    where: { caseId: { in: caseIds }, action: { in: [...MILESTONE_EVENT_ACTIONS] } },
    select: { caseId: true, data: true },
  });
  const keys = new Set<string>();
  for (const row of rows) {
    const d = row.data as Partial<FiredKey> | null;
    if (d?.clockKind && d.milestone && d.dueOn)
      keys.add(firedKey(row.caseId, { clockKind: d.clockKind, milestone: d.milestone, dueOn: d.dueOn }));
  }
  return keys;
}

/**
 * Writes the milestone's audit event unless it is already there. The clock row is locked first, so
 * the delayed job and the sweep racing on PostgreSQL write one event between them (PGlite has one
 * connection: transactions are serial anyway). Returns whether this call wrote it.
 */
export async function recordMilestoneOnce(
  db: Db,
  input: {
    clockId: string;
    caseId: string;
    action: MilestoneEventAction;
    data: FiredKey & Record<string, unknown>;
    at: Date;
  },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM clocks WHERE id = ${input.clockId}::uuid FOR UPDATE`;
    const fired = await listFiredKeys(tx, [input.caseId]);
    if (fired.has(firedKey(input.caseId, input.data))) return false;
    await appendCaseEvent(tx, {
      caseId: input.caseId,
      action: input.action,
      actorType: 'system',
      data: input.data as Prisma.InputJsonValue,
      at: input.at,
    });
    return true;
  });
}
