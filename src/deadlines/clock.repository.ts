// The only code that reads and writes clocks in Prisma; converts rows to the pure DeadlineClock.
import type { Db } from '../db/database.js';
import type { Prisma, Clock as ClockRow } from '../db/generated/client.js';
import { fromDbDate, toDbDate, type LocalDate } from '../calendar/local-date.js';
import type { ClockExtension, ClockPause, DeadlineClock } from './clock.js';
import { setGoverningDeadline } from '../cases/case.repository.js';
import { governingClock } from './governing-clock.js';
import type { ClockKind } from './time-limit.js';

export type Tx = Prisma.TransactionClient;
export type { ClockRow };

export function rowToClock(row: ClockRow): DeadlineClock {
  return {
    kind: row.kind as ClockKind,
    ruleSetCode: row.ruleSetCode,
    startedOn: fromDbDate(row.startedOn),
    days: row.days,
    dayType: row.dayType,
    pauses: row.pauses as unknown as ClockPause[],
    extensions: row.extensions as unknown as ClockExtension[],
    ...(row.dueResetOn ? { dueResetTo: fromDbDate(row.dueResetOn) } : {}),
    ...(row.stoppedAt ? { stoppedOn: fromDbDate(row.stoppedAt) } : {}),
  };
}

export function listClocks(db: Db | Tx, caseId: string): Promise<ClockRow[]> {
  return db.clock.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });
}

export async function upsertClock(
  tx: Tx,
  caseId: string,
  clock: DeadlineClock,
  dueOn: LocalDate,
  status: 'running' | 'paused' | 'stopped',
  at: Date,
) {
  const data = {
    ruleSetCode: clock.ruleSetCode ?? '',
    dayType: clock.dayType,
    days: clock.days,
    startedOn: toDbDate(clock.startedOn),
    dueOn: toDbDate(dueOn),
    status,
    pausedAt: status === 'paused' ? at : null,
    pauses: clock.pauses as unknown as Prisma.InputJsonValue,
    extensions: clock.extensions as unknown as Prisma.InputJsonValue,
    dueResetOn: clock.dueResetTo ? toDbDate(clock.dueResetTo) : null,
    stoppedAt: status === 'stopped' ? at : null,
  };
  const row = await tx.clock.upsert({
    where: { caseId_kind: { caseId, kind: clock.kind } },
    create: { caseId, kind: clock.kind, ...data, originalDueOn: toDbDate(dueOn) },
    update: data,
  });
  const batch = openBatches.get(tx);
  if (batch) batch.add(caseId);
  else await refreshGoverningDeadline(tx, caseId);
  return row;
}

// Cases whose clocks were written inside `batchClockWrites`, per transaction: a move that stops
// three clocks and starts two refreshes the governing deadline once, at the end, not five times.
const openBatches = new WeakMap<Tx, Set<string>>();

/**
 * Runs several clock writes of one transaction and then refreshes the governing deadline once per
 * case they touched. A write outside any batch still refreshes at once, so no writer can skip it;
 * a nested batch joins the outer one.
 */
export async function batchClockWrites<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  if (openBatches.has(tx)) return work();
  const touched = new Set<string>();
  openBatches.set(tx, touched);
  try {
    const result = await work();
    openBatches.delete(tx);
    for (const caseId of touched) await refreshGoverningDeadline(tx, caseId);
    return result;
  } finally {
    openBatches.delete(tx);
  }
}

/**
 * Keeps the case's governing clock and due date true; called by every clock write, inside its
 * transaction, so an inbox sorted by it in SQL never disagrees with the clocks.
 */
export async function refreshGoverningDeadline(tx: Tx, caseId: string): Promise<void> {
  const rows = await listClocks(tx, caseId);
  const governing = governingClock(rows.map((r) => ({ ...r, dueOn: fromDbDate(r.dueOn) })));
  await setGoverningDeadline(
    tx,
    caseId,
    governing?.clock.kind ?? null,
    governing ? toDbDate(governing.clock.dueOn) : null,
  );
}
