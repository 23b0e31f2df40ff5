// The only code of the Open311 door that touches Prisma.
import type { Db } from '../db/database.js';
import type { CaseKind, CaseStatus } from '../cases/case-vocabulary.js';

/** Requests that came in through this door carry submission ids with this prefix. */
export const OPEN311_SUBMISSION_PREFIX = 'o311-';

export function insertOpen311Client(db: Db, data: { name: string; keyHash: string }) {
  return db.open311Client.create({ data });
}

export function findActiveOpen311Client(db: Db, keyHash: string) {
  return db.open311Client.findFirst({ where: { keyHash, revokedAt: null }, select: { id: true } });
}

export function listOpen311Clients(db: Db) {
  return db.open311Client.findMany({ orderBy: { createdAt: 'asc' } });
}

export function listActiveUnitsOfOrganization(db: Db, organizationCode: string) {
  return db.unit.findMany({
    where: { active: true, organization: { code: { equals: organizationCode, mode: 'insensitive' } } },
    select: { code: true, name: true },
    orderBy: { code: 'asc' },
  });
}

export interface Open311CaseFilter {
  ids?: string[];
  kind?: CaseKind;
  statuses?: CaseStatus[];
  from: Date;
  to: Date;
  limit: number;
}

/** Cases made from requests posted through Open311, newest first. */
export function findOpen311Cases(db: Db, f: Open311CaseFilter) {
  return db.case.findMany({
    where: {
      submissionId: { startsWith: OPEN311_SUBMISSION_PREFIX },
      ...(f.ids ? { id: { in: f.ids } } : { receivedAt: { gte: f.from, lte: f.to } }),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.statuses ? { status: { in: f.statuses } } : {}),
    },
    select: { id: true, code: true, kind: true, status: true, receivedAt: true },
    orderBy: { receivedAt: 'desc' },
    take: f.limit,
  });
}

export function findCaseIdOfSubmission(db: Db, submissionId: string) {
  return db.case.findUnique({ where: { submissionId }, select: { id: true } });
}

export function findSubmissionExists(db: Db, submissionId: string) {
  return db.intakeSubmission.findUnique({ where: { id: submissionId }, select: { id: true } });
}
