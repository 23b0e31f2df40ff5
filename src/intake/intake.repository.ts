// The only intake code that touches Prisma.
import type { Db } from '../db/database.js';
import { Prisma, type IntakeSubmission } from '../db/generated/client.js';
import { queryRows } from '../db/raw-sql.js';
import type { Audience, CaseKind, Channel } from '../db/generated/enums.js';
import { utcTimestamp } from '../db/utc-timestamp.js';
import {
  afterOldestFirstKey,
  OLDEST_FIRST,
  OLDEST_FIRST_KEY,
  type OldestFirstKey,
} from '../db/oldest-first-page.js';

export type Tx = Prisma.TransactionClient;

export function findUnitByCode(db: Db, code: string) {
  return db.unit.findFirst({
    where: { code: { equals: code, mode: 'insensitive' }, active: true },
    include: { organization: true },
  });
}

export function findOrganizationByCode(db: Db, code: string) {
  return db.organization.findFirst({ where: { code: { equals: code, mode: 'insensitive' } } });
}

/**
 * A submission's whole row, as `intakeSubmission.findUnique` gives it: in SQL, read once per intake
 * job (decision 0106). Its columns are the model's fields, none renamed.
 */
export async function findSubmission(db: Db | Tx, id: string): Promise<IntakeSubmission | null> {
  const [row] = await queryRows<IntakeSubmission>(
    db,
    Prisma.sql`SELECT * FROM "intake_submissions" WHERE "id" = ${id}`,
  );
  return row ?? null;
}

export function findSubmissionByTrackingCode(db: Db, trackingCode: string) {
  return db.intakeSubmission.findUnique({ where: { trackingCode } });
}

/** What is stored in clear next to the sealed payload: where it goes and what it is (decision 0026). */
export interface SubmissionFacts {
  organizationId: string;
  unitId: string | null;
  kind: CaseKind;
  channel: Channel;
  audience: Audience;
  followUpSecretHash: string | null;
}

/** A submission's row as the ack path stores it: sealed payload, its digest, and the facts in clear. */
export type NewSubmissionRow = {
  id: string;
  trackingCode: string;
  payloadCiphertext: Uint8Array;
  payloadDigest: string;
} & SubmissionFacts;

/**
 * The duplicate check and the insert in one statement (INSERT … ON CONFLICT DO NOTHING), for the
 * submissions of several requests at once (group commit, decision 0083). For each row: true when
 * this statement stored it; false when a row with the same id or tracking code was there already,
 * or came earlier in the same statement (the caller looks which, on that rare path only).
 *
 * Written in SQL, the rows as one JSON parameter: Prisma compiles a `createMany` afresh at every
 * call (its plan cache skips them), which cost the ack path more CPU than the insert (decision 0086).
 */
export async function insertSubmissionsIfNew(db: Db, rows: readonly NewSubmissionRow[]): Promise<boolean[]> {
  const records = rows.map((row) => ({
    id: row.id,
    trackingCode: row.trackingCode,
    payload: Buffer.from(row.payloadCiphertext).toString('base64'),
    payloadDigest: row.payloadDigest,
    organizationId: row.organizationId,
    unitId: row.unitId,
    kind: row.kind,
    channel: row.channel,
    audience: row.audience,
    followUpSecretHash: row.followUpSecretHash,
  }));
  // The row's createdAt as Prisma's @default(now()) gave it: the time of the write, in UTC.
  const stored = await queryRows<{ id: string; trackingCode: string }>(
    db,
    Prisma.sql`
    INSERT INTO "intake_submissions"
      ("id", "trackingCode", "payloadCiphertext", "payloadDigest", "createdAt",
       "organizationId", "unitId", "kind", "channel", "audience", "followUpSecretHash")
    SELECT r.id, r."trackingCode", decode(r.payload, 'base64'), r."payloadDigest",
      ${utcTimestamp(new Date())},
      r."organizationId", r."unitId", r.kind::"CaseKind", r.channel::"Channel", r.audience::"Audience",
      r."followUpSecretHash"
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(
      id text, "trackingCode" text, payload text, "payloadDigest" text, "organizationId" uuid,
      "unitId" uuid, kind text, channel text, audience text, "followUpSecretHash" text)
    ON CONFLICT DO NOTHING
    RETURNING "id", "trackingCode"`,
  );
  // A resent request in the same statement has the id of one stored row but its own tracking code.
  const key = (row: { id: string; trackingCode: string }) => `${row.id} ${row.trackingCode}`;
  const storedKeys = new Set(stored.map(key));
  return rows.map((row) => storedKeys.has(key(row)));
}

/** A pending submission as the recovery sweep pages through them. */
export type PendingSubmissionKey = OldestFirstKey;

/** Pending submissions created before `olderThan`, after the keyset `after`, oldest first. */
export function listPendingSubmissions(
  db: Db,
  input: { olderThan: Date; after: PendingSubmissionKey | null; take: number },
): Promise<PendingSubmissionKey[]> {
  return db.intakeSubmission.findMany({
    where: { status: 'pending', createdAt: { lt: input.olderThan }, ...afterOldestFirstKey(input.after) },
    select: OLDEST_FIRST_KEY,
    orderBy: OLDEST_FIRST,
    take: input.take,
  });
}

/** Stored submissions not yet turned into a case that are older than `olderThan` (sweep, metrics). */
export function countPendingSubmissions(db: Db, olderThan: Date) {
  return db.intakeSubmission.count({ where: { status: 'pending', createdAt: { lt: olderThan } } });
}

export function countFailedSubmissions(db: Db) {
  return db.intakeSubmission.count({ where: { status: 'failed' } });
}

/** What operators see of a stuck or failed submission: no payload, nothing personal. */
export function listStuckSubmissions(db: Db, olderThan: Date, take: number) {
  return db.intakeSubmission.findMany({
    where: { OR: [{ status: 'failed' }, { status: 'pending', createdAt: { lt: olderThan } }] },
    select: {
      id: true,
      trackingCode: true,
      status: true,
      createdAt: true,
      failedAt: true,
      failureReason: true,
      caseId: true,
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take,
  });
}

/**
 * Processing gave up for good (decision 0019): marks the submission `failed` unless it already has
 * its case; in the placeholder's transaction (decision 0026), so that two markings make one case.
 * The sealed payload is kept. True when this call took it (the caller then makes the case).
 */
export async function claimFailedSubmission(
  tx: Tx,
  id: string,
  input: { reason: string; failedAt: Date },
): Promise<boolean> {
  const { count } = await tx.intakeSubmission.updateMany({
    where: { id, caseId: null, status: { in: ['pending', 'failed'] } },
    data: { status: 'failed', failureReason: input.reason, failedAt: input.failedAt },
  });
  return count > 0;
}

/** The placeholder case made for a failed submission. */
export async function linkFailedSubmissionToCase(tx: Tx, id: string, caseId: string) {
  await tx.intakeSubmission.update({ where: { id }, data: { caseId } });
}

/** `langnghe intake:stuck --retry`: failed ones that became no case go back to pending. */
export function resetFailedSubmissions(db: Db) {
  return db.intakeSubmission.updateMany({
    where: { status: 'failed', caseId: null },
    data: { status: 'pending', failureReason: null, failedAt: null },
  });
}

export function findOrganizationById(db: Db, id: string) {
  return db.organization.findUnique({ where: { id }, select: { id: true } });
}

export function countAttachmentsOfSubmission(db: Db, submissionId: string, ids: string[]) {
  return db.attachment.count({ where: { id: { in: ids }, submissionId } });
}

export function findAttachmentOfSubmission(db: Db, submissionId: string, sha256: string) {
  return db.attachment.findFirst({ where: { submissionId, sha256 } });
}

export function insertAttachment(
  db: Db,
  data: {
    submissionId: string;
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    sha256: string;
    storagePath: string;
  },
) {
  return db.attachment.create({ data: { ...data, caseId: null } });
}

/** Files of a draft given up before it became a case; returns their checksums. */
export async function deleteUnlinkedAttachments(db: Db, submissionId: string): Promise<string[]> {
  const rows = await db.attachment.findMany({
    where: { submissionId, caseId: null },
    select: { sha256: true },
  });
  await db.attachment.deleteMany({ where: { submissionId, caseId: null } });
  return rows.map((r) => r.sha256);
}

export function countAttachmentsWithChecksum(db: Db, sha256: string) {
  return db.attachment.count({ where: { sha256 } });
}

/** Only files stored for this very submission are linked: an id from elsewhere is ignored. */
export function linkAttachmentsToCase(tx: Tx, submissionId: string, ids: string[], caseId: string) {
  return tx.attachment.updateMany({
    where: { id: { in: ids }, submissionId, caseId: null },
    data: { caseId },
  });
}

export function findSenderIdentityOfCase(db: Db | Tx, caseId: string) {
  return db.senderIdentity.findUnique({ where: { caseId } });
}

/** Whether the recipients sealed with a submission still exist when the worker gets to it. */
export async function findRecipientsStillThere(db: Db, organizationId: string, unitId: string | null) {
  const [organization, unit] = await Promise.all([
    db.organization.findUnique({ where: { id: organizationId }, select: { id: true } }),
    unitId ? db.unit.findUnique({ where: { id: unitId }, select: { id: true } }) : null,
  ]);
  return { organization: !!organization, unit: !!unit };
}
