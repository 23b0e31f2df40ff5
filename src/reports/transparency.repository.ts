// The only transparency code that reads the database: the citizen cases of one organisation received
// or resolved in a period, with only the fields the page may use (no text, no identity).
import { fromDbDate, vietnamDayEnd, vietnamDayStart } from '../calendar/local-date.js';
import type { Db } from '../db/database.js';
import type { TransparencyCaseRow, TransparencyPeriod } from './transparency.js';

export function listPublicOrganizations(db: Db) {
  return db.organization.findMany({ select: { code: true, name: true }, orderBy: { name: 'asc' } });
}

export function findPublicOrganization(db: Db, code: string) {
  return db.organization.findFirst({
    where: { code: { equals: code, mode: 'insensitive' } },
    select: { id: true, code: true, name: true },
  });
}

export async function listTransparencyRows(
  db: Db,
  organizationId: string,
  period: TransparencyPeriod,
): Promise<TransparencyCaseRow[]> {
  const range = { gte: vietnamDayStart(period.from), lt: vietnamDayEnd(period.to) };
  const rows = await db.case.findMany({
    where: {
      organizationId,
      // Staff feedback stays inside the organisation (small groups would reveal who wrote);
      // a merged duplicate is counted once, as the case it joined.
      audience: 'citizen',
      status: { not: 'merged' },
      OR: [{ receivedAt: range }, { resolvedAt: range }],
    },
    select: {
      kind: true,
      outcome: true,
      receivedAt: true,
      resolvedAt: true,
      satisfaction: true,
      unit: { select: { name: true } },
      clocks: { where: { kind: { in: ['internal_answer'] } }, select: { dueOn: true } },
    },
  });
  return rows.map((r) => ({
    kind: r.kind,
    unitName: r.unit?.name ?? null,
    outcome: r.outcome,
    receivedAt: r.receivedAt,
    resolvedAt: r.resolvedAt,
    answerDueOn: r.clocks[0] ? fromDbDate(r.clocks[0].dueOn) : null,
    satisfaction: r.satisfaction,
  }));
}
