// The only intake code that touches Prisma.
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';

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

export function findSubmission(db: Db | Tx, id: string) {
  return db.intakeSubmission.findUnique({ where: { id } });
}

export function findSubmissionByTrackingCode(db: Db, trackingCode: string) {
  return db.intakeSubmission.findUnique({ where: { trackingCode } });
}

export function insertSubmission(
  db: Db,
  data: { id: string; trackingCode: string; payloadCiphertext: Uint8Array; payloadDigest: string },
) {
  return db.intakeSubmission.create({
    data: { ...data, payloadCiphertext: Buffer.from(data.payloadCiphertext) },
  });
}

export function listPendingSubmissionIds(db: Db, olderThan: Date, limit: number) {
  return db.intakeSubmission
    .findMany({
      where: { status: 'pending', createdAt: { lt: olderThan } },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
      take: limit,
    })
    .then((rows) => rows.map((r) => r.id));
}

export async function markSubmissionProcessed(tx: Tx, id: string, caseId: string, at: Date) {
  await tx.intakeSubmission.update({
    where: { id },
    // The payload has become a case and an encrypted identity; keeping a second copy helps nobody.
    data: { status: 'processed', caseId, processedAt: at, payloadCiphertext: null },
  });
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

/**
 * The sender's identity row. `revealable: false` marks a reply handle the bot may use and no person
 * may see (a sealed sender).
 */
export function insertSenderIdentityRow(
  tx: Tx,
  data: { caseId: string; ciphertext: Uint8Array; keyId: string; revealable: boolean },
) {
  return tx.senderIdentity.create({ data: { ...data, ciphertext: Buffer.from(data.ciphertext) } });
}

export function findSenderIdentityOfCase(db: Db | Tx, caseId: string) {
  return db.senderIdentity.findUnique({ where: { caseId } });
}

/** Stored submissions not yet turned into a case that are older than `olderThan` (metrics). */
export function countPendingSubmissions(db: Db, olderThan: Date) {
  // Served by the (status, createdAt) index.
  return db.intakeSubmission.count({ where: { status: 'pending', createdAt: { lt: olderThan } } });
}
