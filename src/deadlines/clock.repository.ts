// The only code that reads and writes clocks in Prisma; converts rows to the pure DeadlineClock.
import type { Db } from '../db/database.js';
import type { Prisma, Clock as ClockRow } from '../db/generated/client.js';
import { v7 as uuidv7 } from 'uuid';
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

/** A case's clocks, oldest first. Inside a batch, the batch also keeps them (see batchClockWrites). */
export async function listClocks(db: Db | Tx, caseId: string): Promise<ClockRow[]> {
  const rows = await db.clock.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });
  const batch = openBatches.get(db as Tx);
  if (batch) {
    const known = knownClocksIn(batch, caseId);
    known.rows = new Map(rows.map((r) => [r.kind, r]));
    known.complete = true;
  }
  return rows;
}

export async function upsertClock(
  tx: Tx,
  caseId: string,
  clock: DeadlineClock,
  dueOn: LocalDate,
  status: 'running' | 'paused' | 'stopped',
  at: Date,
) {
  const data = clockColumns(clock, dueOn, status, at);
  const row = await tx.clock.upsert({
    where: { caseId_kind: { caseId, kind: clock.kind } },
    create: { caseId, kind: clock.kind, ...data, originalDueOn: toDbDate(dueOn) },
    update: data,
  });
  const batch = openBatches.get(tx);
  if (batch) {
    const known = knownClocksIn(batch, caseId);
    known.rows.set(row.kind, row);
    known.written = true;
  } else await refreshGoverningDeadline(tx, caseId);
  return row;
}

/** The columns a clock's state sets, whether the row is new or rewritten. */
function clockColumns(
  clock: DeadlineClock,
  dueOn: LocalDate,
  status: 'running' | 'paused' | 'stopped',
  at: Date,
) {
  return {
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
}

/**
 * A running clock's row as upsertClock would create it, for a writer that inserts it in SQL with
 * its case (decision 0098) and hands it on without reading it back. `writtenAt` stands for the
 * row's `createdAt` and `updatedAt`, which Prisma fills from the wall clock.
 */
export function newClockRow(
  caseId: string,
  clock: DeadlineClock,
  dueOn: LocalDate,
  at: Date,
  writtenAt: Date,
): ClockRow {
  const data = clockColumns(clock, dueOn, 'running', at);
  return {
    id: uuidv7(),
    caseId,
    kind: clock.kind,
    ...data,
    pauses: data.pauses as unknown as ClockRow['pauses'],
    extensions: data.extensions as unknown as ClockRow['extensions'],
    originalDueOn: toDbDate(dueOn),
    createdAt: writtenAt,
    updatedAt: writtenAt,
  };
}

/**
 * What a batch knows of one case's clocks: every row it listed or wrote, in creation order.
 * `complete` once the batch listed them all (or the case was made in it), so the rows are the
 * case's clocks and need not be read back.
 */
interface KnownClocks {
  rows: Map<string, ClockRow>;
  complete: boolean;
  written: boolean;
}
type ClockBatch = Map<string, KnownClocks>;

// The open batch of each transaction (batchClockWrites): a move that stops three clocks and starts
// two refreshes the governing deadline once, at the end, not five times.
const openBatches = new WeakMap<Tx, ClockBatch>();

function knownClocksIn(batch: ClockBatch, caseId: string): KnownClocks {
  let known = batch.get(caseId);
  if (!known) batch.set(caseId, (known = { rows: new Map(), complete: false, written: false }));
  return known;
}

/**
 * Runs several clock writes of one transaction and then refreshes the governing deadline once per
 * case they touched, from the clocks the batch listed and wrote (read back only when it never
 * listed them). A write outside any batch still refreshes at once, so no writer can skip it; a
 * nested batch joins the outer one. `newCaseId`: a case created in this transaction, which had no
 * clocks before the batch.
 */
export async function batchClockWrites<T>(
  tx: Tx,
  work: () => Promise<T>,
  options: { newCaseId?: string } = {},
): Promise<T> {
  return (await batchClockWritesWithClocks(tx, work, options)).result;
}

/**
 * batchClockWrites, also giving the clocks of every case it touched as they stand after it, for a
 * caller that needs them next (the lifecycle's answeredDueOn) without reading them back.
 */
export async function batchClockWritesWithClocks<T>(
  tx: Tx,
  work: () => Promise<T>,
  options: { newCaseId?: string } = {},
): Promise<{ result: T; clocksOf: (caseId: string) => ClockRow[] | undefined }> {
  const outer = openBatches.get(tx);
  if (outer) {
    if (options.newCaseId) knownClocksIn(outer, options.newCaseId).complete = true;
    return { result: await work(), clocksOf: () => undefined };
  }
  const batch: ClockBatch = new Map();
  if (options.newCaseId) knownClocksIn(batch, options.newCaseId).complete = true;
  openBatches.set(tx, batch);
  try {
    const result = await work();
    openBatches.delete(tx);
    const after = new Map<string, ClockRow[]>();
    for (const [caseId, known] of batch) {
      if (!known.written) continue;
      const rows = known.complete ? [...known.rows.values()] : await listClocks(tx, caseId);
      await setGoverningFrom(tx, caseId, rows);
      after.set(caseId, rows);
    }
    return {
      result,
      clocksOf: (caseId) => {
        const known = batch.get(caseId);
        return after.get(caseId) ?? (known?.complete ? [...known.rows.values()] : undefined);
      },
    };
  } finally {
    openBatches.delete(tx);
  }
}

/**
 * Keeps the case's governing clock and due date true; called by every clock write, inside its
 * transaction, so an inbox sorted by it in SQL never disagrees with the clocks.
 */
export async function refreshGoverningDeadline(tx: Tx, caseId: string): Promise<void> {
  await setGoverningFrom(tx, caseId, await listClocks(tx, caseId));
}

/** The clock that governs a case among its rows (governing-clock.ts), as stored on the case. */
export function governingClockOfRows(rows: readonly ClockRow[]) {
  return governingClock(rows.map((r) => ({ ...r, dueOn: fromDbDate(r.dueOn) })));
}

async function setGoverningFrom(tx: Tx, caseId: string, rows: readonly ClockRow[]): Promise<void> {
  const governing = governingClockOfRows(rows);
  await setGoverningDeadline(
    tx,
    caseId,
    governing?.clock.kind ?? null,
    governing ? toDbDate(governing.clock.dueOn) : null,
  );
}
