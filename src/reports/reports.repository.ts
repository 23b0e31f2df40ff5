// The Prisma reads of the daily digest and the weekly hotline review.
import type { Db } from '../db/database.js';
import { OPEN_STATUSES } from '../cases/case-vocabulary.js';

export function listOrganizations(db: Db) {
  return db.organization.findMany({ select: { id: true, name: true }, orderBy: { code: 'asc' } });
}

/** Running clocks of the organisation's open cases, with what a digest line shows. */
/** The running governing clock of each open case (decision 0017): the one the digest reports. */
export async function listRunningClocksOfOrganization(db: Db, organizationId: string) {
  const rows = await db.clock.findMany({
    where: { status: 'running', case: { organizationId, status: { in: [...OPEN_STATUSES] } } },
    select: {
      kind: true,
      dueOn: true,
      case: {
        select: {
          id: true,
          code: true,
          kind: true,
          unitId: true,
          governingClockKind: true,
          unit: { select: { name: true } },
        },
      },
    },
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
  });
  return rows.filter((r) => r.kind === r.case.governingClockKind);
}

export function listUnitsWithGroup(db: Db, organizationId: string) {
  return db.unit.findMany({
    where: { organizationId, active: true, telegramChatId: { not: null } },
    select: { id: true, name: true, telegramChatId: true },
    orderBy: { code: 'asc' },
  });
}

/** Cases that came in by the hotline in [from, to), with their live clocks. */
export function listHotlineCases(db: Db, organizationId: string, from: Date, to: Date) {
  return db.case.findMany({
    where: { organizationId, channel: 'hotline', receivedAt: { gte: from, lt: to } },
    select: {
      id: true,
      code: true,
      kind: true,
      status: true,
      receivedAt: true,
      paused: true,
      governingDueOn: true,
    },
    orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
  });
}
