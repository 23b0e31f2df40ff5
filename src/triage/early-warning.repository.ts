// Database access for the early-warning job.
import { toDbDate, type LocalDate } from '../calendar/local-date.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { Spike } from './early-warning.js';

export function listCasesReceivedBetween(db: Db, organizationId: string, from: Date, to: Date) {
  return db.case.findMany({
    where: { organizationId, receivedAt: { gte: from, lt: to } },
    select: { id: true, code: true, unitId: true, kind: true, receivedAt: true },
  });
}

/** Stores a spike once per unit, kind and window end; null when it was flagged before. */
export async function saveEarlyWarning(db: Db, organizationId: string, spike: Spike): Promise<string | null> {
  try {
    const row = await db.earlyWarning.create({
      data: {
        organizationId,
        unitKey: spike.unitKey,
        kind: spike.kind,
        windowStart: toDbDate(spike.windowStart),
        windowEnd: toDbDate(spike.windowEnd),
        count: spike.count,
        expected: spike.expected,
        caseIds: spike.caseIds,
      },
    });
    return row.id;
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

export function listEarlyWarnings(db: Db, organizationId: string, windowEnd: LocalDate) {
  return db.earlyWarning.findMany({ where: { organizationId, windowEnd: toDbDate(windowEnd) } });
}
