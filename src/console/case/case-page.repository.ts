// The reads of the console's case page: the case with what it links to, its audit trail, messages,
// letters, and the choices its forms offer. Writes never happen here: every change goes through
// the use cases (applyStaffCaseAction, case-messages, reveal-identity, issue-letter).
import type { Db } from '../../db/database.js';

export function findCaseForConsole(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    include: {
      unit: { select: { name: true, code: true } },
      organization: { select: { name: true } },
      duplicateOf: { select: { code: true, status: true } },
      duplicates: { select: { code: true, status: true }, orderBy: { createdAt: 'asc' } },
      attachments: {
        select: { id: true, fileName: true, mimeType: true, sizeBytes: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
}
export type ConsoleCaseRow = NonNullable<Awaited<ReturnType<typeof findCaseForConsole>>>;

/** The audit trail, oldest first. Staff are shown by role (the audit's own record), not by name. */
export function listCaseEventsForConsole(db: Db, caseId: string) {
  return db.caseEvent.findMany({
    where: { caseId },
    select: {
      id: true,
      action: true,
      fromStatus: true,
      toStatus: true,
      actorType: true,
      actorRole: true,
      reason: true,
      data: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}
export type ConsoleEventRow = Awaited<ReturnType<typeof listCaseEventsForConsole>>[number];

export function listCaseMessagesForConsole(db: Db, caseId: string) {
  return db.message.findMany({
    where: { caseId },
    select: { id: true, direction: true, visibility: true, body: true, channel: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}
export type ConsoleMessageRow = Awaited<ReturnType<typeof listCaseMessagesForConsole>>[number];

export function listCaseLettersForConsole(db: Db, caseId: string) {
  return db.letter.findMany({
    where: { caseId },
    select: {
      id: true,
      kind: true,
      status: true,
      number: true,
      year: true,
      createdAt: true,
      signedAt: true,
      sentAt: true,
    },
    orderBy: { createdAt: 'asc' },
  });
}
export type ConsoleLetterRow = Awaited<ReturnType<typeof listCaseLettersForConsole>>[number];

export function listActiveUnits(db: Db, organizationId: string) {
  return db.unit.findMany({
    where: { organizationId, active: true },
    select: { id: true, code: true, name: true },
    orderBy: { name: 'asc' },
  });
}

/** People a case can be put on (assign checks each choice again: authorizeAssignTarget). */
export function listAssignableStaff(db: Db, organizationId: string) {
  return db.staff.findMany({
    where: {
      organizationId,
      active: true,
      roles: { some: { role: { in: ['handler', 'unit_head', 'leader'] } } },
    },
    select: { id: true, fullName: true },
    orderBy: { fullName: 'asc' },
  });
}

export function findAttachmentForConsole(db: Db, attachmentId: string) {
  return db.attachment.findUnique({
    where: { id: attachmentId },
    select: { id: true, caseId: true, fileName: true, mimeType: true, storagePath: true },
  });
}

export function findLetterForConsole(db: Db, letterId: string) {
  return db.letter.findUnique({
    where: { id: letterId },
    select: {
      id: true,
      caseId: true,
      kind: true,
      status: true,
      number: true,
      filePath: true,
      case: { select: { code: true } },
    },
  });
}

/** Numbered letters of an organisation's register for a year, in register order. */
export function listRegisterLetters(db: Db, organizationId: string, year: number) {
  return db.letter.findMany({
    where: { organizationId, year, number: { not: null } },
    select: {
      id: true,
      caseId: true,
      kind: true,
      status: true,
      number: true,
      year: true,
      signerName: true,
      signerTitle: true,
      signedAt: true,
      case: { select: { code: true } },
    },
    orderBy: { number: 'asc' },
  });
}
