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
