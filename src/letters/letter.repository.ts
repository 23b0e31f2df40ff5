// The only code that reads and writes letters, their register counters and what a letter needs to
// be rendered (case, organisation, signers) in Prisma.
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';
import type { LetterKind } from './letter-vocabulary.js';

export type Tx = Prisma.TransactionClient;

const LETTER_WITH_CASE = {
  case: {
    select: {
      id: true,
      code: true,
      kind: true,
      status: true,
      outcome: true,
      answer: true,
      receivedAt: true,
      description: true,
      organizationId: true,
      unitId: true,
    },
  },
} as const;

export function findLetterById(db: Db | Tx, id: string) {
  return db.letter.findUnique({ where: { id }, include: LETTER_WITH_CASE });
}

export function findLetterOfCase(db: Db | Tx, caseId: string, kind: LetterKind) {
  return db.letter.findUnique({ where: { caseId_kind: { caseId, kind } }, include: LETTER_WITH_CASE });
}

export function insertLetter(
  tx: Tx,
  data: {
    caseId: string;
    organizationId: string;
    kind: LetterKind;
    content: Prisma.InputJsonValue;
    status: 'draft' | 'approved';
    at: Date;
  },
) {
  return tx.letter.create({
    data: {
      caseId: data.caseId,
      organizationId: data.organizationId,
      kind: data.kind,
      content: data.content,
      status: data.status,
      createdAt: data.at,
    },
  });
}

/** A draft's content revised before signature (an officer's note added); false once signed. */
export async function reviseDraftLetter(
  tx: Tx,
  id: string,
  content: Prisma.InputJsonValue,
): Promise<boolean> {
  const updated = await tx.letter.updateMany({ where: { id, status: 'draft' }, data: { content } });
  return updated.count === 1;
}

/** A returned draft is removed so the handler can draft again; its audit events stay. */
export function deleteDraftLetter(tx: Tx, id: string) {
  return tx.letter.deleteMany({ where: { id, status: 'draft' } });
}

/**
 * Claims a draft for signature. Only one transaction can move it out of draft/approved: on
 * PostgreSQL a concurrent one waits for the row lock, re-reads the status and updates nothing.
 */
export function claimLetterForSigning(tx: Tx, id: string, signer: { name: string; title: string; at: Date }) {
  return tx.letter.updateMany({
    where: { id, status: { in: ['draft', 'approved'] }, number: null },
    data: { status: 'signed', signerName: signer.name, signerTitle: signer.title, signedAt: signer.at },
  });
}

/**
 * The next register number of the organisation for the year: one atomic statement, inside the
 * signing transaction. The counter row stays locked until the transaction ends, so concurrent
 * signers queue on it; a rolled-back signature rolls its increment back too (no gaps, no repeats).
 */
export async function takeRegisterNumber(tx: Tx, organizationId: string, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ lastNumber: number }[]>`
    INSERT INTO "letter_counters" ("organizationId", "year", "lastNumber")
    VALUES (${organizationId}::uuid, ${year}, 1)
    ON CONFLICT ("organizationId", "year")
    DO UPDATE SET "lastNumber" = "letter_counters"."lastNumber" + 1
    RETURNING "lastNumber"`;
  return Number(rows[0]!.lastNumber);
}

export function setLetterNumber(tx: Tx, id: string, year: number, number: number) {
  return tx.letter.update({ where: { id }, data: { year, number } });
}

/** Records the stored file once; false when another run recorded it first. */
export async function setLetterFileOnce(tx: Tx, id: string, filePath: string): Promise<boolean> {
  const { count } = await tx.letter.updateMany({ where: { id, filePath: null }, data: { filePath } });
  return count === 1;
}

/** signed → sent, once: a second run updates nothing. */
export async function markLetterSent(tx: Tx, id: string, at: Date): Promise<boolean> {
  const { count } = await tx.letter.updateMany({
    where: { id, status: { in: ['signed', 'approved'] } },
    data: { status: 'sent', sentAt: at },
  });
  return count === 1;
}

export function listLetters(db: Db, filter: { organizationId?: string; year?: number; caseId?: string }) {
  return db.letter.findMany({
    where: {
      ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
      ...(filter.caseId ? { caseId: filter.caseId } : {}),
      ...(filter.year
        ? {
            OR: [
              { year: filter.year },
              {
                year: null,
                createdAt: {
                  gte: new Date(Date.UTC(filter.year, 0, 1) - 7 * 3600_000),
                  lt: new Date(Date.UTC(filter.year + 1, 0, 1) - 7 * 3600_000),
                },
              },
            ],
          }
        : {}),
    },
    include: { case: { select: { code: true } }, organization: { select: { code: true } } },
    orderBy: [{ organizationId: 'asc' }, { year: 'asc' }, { number: 'asc' }, { createdAt: 'asc' }],
  });
}

/** The organisation as a letter heading shows it. */
export function findOrganizationForLetter(db: Db | Tx, id: string) {
  return db.organization.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      place: true,
      settings: true,
      parent: { select: { name: true } },
    },
  });
}

/** Active staff of the organisation who could sign (unit heads, leaders), with their roles. */
export function listSignerCandidates(db: Db | Tx, organizationId: string) {
  return db.staff.findMany({
    where: {
      organizationId,
      active: true,
      roles: { some: { role: { in: ['unit_head', 'leader'] } } },
    },
    select: {
      id: true,
      organizationId: true,
      fullName: true,
      telegramUserId: true,
      roles: { select: { role: true, unitId: true } },
    },
    orderBy: { id: 'asc' },
  });
}

export function findUnitName(db: Db | Tx, unitId: string) {
  return db.unit.findUnique({ where: { id: unitId }, select: { name: true } });
}

export function findStaffTelegram(db: Db | Tx, staffId: string) {
  return db.staff.findUnique({ where: { id: staffId }, select: { telegramUserId: true, active: true } });
}

/** Whether an audit event with this action and data key already exists (once-only decisions). */
export function findEventWithData(
  db: Db | Tx,
  caseId: string,
  action: string,
  match: { key: string; value: string },
) {
  return db.caseEvent.findFirst({
    where: { caseId, action, data: { path: [match.key], equals: match.value } },
  });
}

/** An organisation's signing certificate row (decision 0052), or null. */
export function findLetterCertificate(db: Db | Tx, organizationId: string) {
  return db.letterCertificate.findUnique({ where: { organizationId } });
}

export function upsertLetterCertificate(
  db: Db | Tx,
  data: {
    organizationId: string;
    ciphertext: Uint8Array<ArrayBuffer>;
    keyId: string;
    subject: string;
    issuer: string;
    serialNumber: string;
    notBefore: Date;
    notAfter: Date;
    fingerprint: string;
  },
) {
  const { organizationId, ...rest } = data;
  return db.letterCertificate.upsert({ where: { organizationId }, create: data, update: rest });
}

/** True when a certificate was there to remove. */
export async function deleteLetterCertificate(db: Db | Tx, organizationId: string): Promise<boolean> {
  const { count } = await db.letterCertificate.deleteMany({ where: { organizationId } });
  return count > 0;
}
