// The newest open cases of an organisation: the cases a new one may duplicate (triage, decision
// 0112), kept by each process between reads (open-case-ids.ts, decision 0114).
import type { Db } from '../db/database.js';
import { Prisma } from '../db/generated/client.js';
import { queryRows } from '../db/raw-sql.js';
import { OPEN_STATUSES } from './case-vocabulary.js';

/** How many of the newest open cases a new case is compared with. */
export const OPEN_CASES_COMPARED = 2000;

/**
 * The open statuses written into the statement's text, not sent as a parameter: the planner reads
 * the newest open cases from their partial index only when the statement itself implies the
 * index's predicate (decision 0112).
 */
const OPEN_STATUS_LIST = Prisma.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * Open cases of the organisation (other than `exceptCaseId`, when given), newest first. Ids only:
 * triage keeps each case's word vector and asks for the texts it lacks.
 */
export async function findNewestOpenCaseIds(
  db: Db,
  organizationId: string,
  exceptCaseId: string | null,
  limit = OPEN_CASES_COMPARED,
): Promise<string[]> {
  const [row] = await queryRows<{ ids: string | null }>(
    db,
    newestOpenCaseIdsStatement(organizationId, exceptCaseId, limit),
  );
  return row?.ids ? row.ids.split(',') : [];
}

/**
 * One row holding every id, newest first: up to 2,000 rows of one column cost the driver and Prisma
 * more than the rest of triage (decision 0087). Read from the open cases' partial index, so the
 * cost stays that of 2,000 index entries however many are open (decision 0112).
 */
export function newestOpenCaseIdsStatement(
  organizationId: string,
  exceptCaseId: string | null,
  limit: number,
): Prisma.Sql {
  return Prisma.sql`
    SELECT string_agg(c.id::text, ',' ORDER BY c."receivedAt" DESC) AS ids
    FROM (
      SELECT id, "receivedAt" FROM "cases"
      WHERE "organizationId" = ${organizationId}::uuid
        AND status IN (${OPEN_STATUS_LIST})
        ${exceptCaseId === null ? Prisma.empty : Prisma.sql`AND id <> ${exceptCaseId}::uuid`}
      ORDER BY "receivedAt" DESC
      LIMIT ${limit}
    ) c`;
}
