// The only code that reads and writes staff-question collections, questions, groups and their audit
// trail in Prisma. Nothing here takes or stores who asked (decision 0039).
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';

export type Tx = Prisma.TransactionClient;

export type StaffQaAction = 'open' | 'ask' | 'group' | 'assign' | 'answer' | 'publish';

export interface StaffQaEventInput {
  collectionId: string;
  action: StaffQaAction;
  questionId?: string;
  groupId?: string;
  /** Null for an asker: the trail names officers, never staff who asked. */
  actorStaffId: string | null;
  data?: Prisma.InputJsonValue;
  at: Date;
}

export function appendStaffQaEvent(tx: Tx, event: StaffQaEventInput) {
  return tx.staffQaEvent.create({
    data: {
      collectionId: event.collectionId,
      action: event.action,
      questionId: event.questionId ?? null,
      groupId: event.groupId ?? null,
      actorStaffId: event.actorStaffId,
      ...(event.data !== undefined ? { data: event.data } : {}),
      at: event.at,
    },
  });
}

export async function nextCollectionNumber(tx: Tx, organizationId: string): Promise<number> {
  const last = await tx.staffQaCollection.findFirst({
    where: { organizationId },
    orderBy: { number: 'desc' },
    select: { number: true },
  });
  return (last?.number ?? 0) + 1;
}

export function insertCollection(
  tx: Tx,
  data: { organizationId: string; number: number; topic: string; opensOn: Date; closesOn: Date },
) {
  return tx.staffQaCollection.create({ data });
}

export function findOrganizationByCodeForQa(db: Db, code: string) {
  return db.organization.findUnique({
    where: { code },
    select: { id: true, code: true, name: true, kind: true, place: true, parent: { select: { name: true } } },
  });
}

export function findOrganizationForQa(db: Db, id: string) {
  return db.organization.findUnique({
    where: { id },
    select: { id: true, code: true, name: true, kind: true, place: true, parent: { select: { name: true } } },
  });
}

/** A collection by its number in the organisation, or the latest one when no number is given. */
export function findCollection(db: Db, organizationId: string, number?: number) {
  return db.staffQaCollection.findFirst({
    where: { organizationId, ...(number !== undefined ? { number } : {}) },
    orderBy: { number: 'desc' },
  });
}

export function findCollectionById(db: Db, id: string) {
  return db.staffQaCollection.findUnique({ where: { id } });
}

/** Collections whose dates include `today`, newest first. */
export function listOpenCollections(db: Db, organizationId: string, today: Date) {
  return db.staffQaCollection.findMany({
    where: { organizationId, opensOn: { lte: today }, closesOn: { gte: today } },
    orderBy: { number: 'desc' },
    select: { id: true, number: true, topic: true, closesOn: true },
  });
}

export function findQuestionById(db: Db | Tx, id: string) {
  return db.staffQuestion.findUnique({ where: { id }, select: { id: true, ref: true, collectionId: true } });
}

export function refTaken(tx: Tx, collectionId: string, ref: string) {
  return tx.staffQuestion.findUnique({
    where: { collectionId_ref: { collectionId, ref } },
    select: { id: true },
  });
}

export function insertQuestion(
  tx: Tx,
  data: {
    id: string;
    collectionId: string;
    ref: string;
    text: string;
    mode: 'sealed' | 'no_trace';
    followUpHash: string | null;
    receivedOn: Date;
  },
) {
  return tx.staffQuestion.create({ data, select: { id: true, ref: true } });
}

/** Everything of a collection the board and the annex read: questions (by ref) and groups (by number). */
export function loadCollectionContents(db: Db, collectionId: string) {
  return Promise.all([
    db.staffQuestion.findMany({
      where: { collectionId },
      orderBy: { ref: 'asc' },
      select: { id: true, ref: true, text: true, groupId: true },
    }),
    db.staffQuestionGroup.findMany({ where: { collectionId }, orderBy: { number: 'asc' } }),
  ]);
}

export function findQuestionsByRefs(tx: Tx, collectionId: string, refs: string[]) {
  return tx.staffQuestion.findMany({
    where: { collectionId, ref: { in: refs } },
    select: { id: true, ref: true, groupId: true },
  });
}

export function findGroup(db: Db | Tx, collectionId: string, number: number) {
  return db.staffQuestionGroup.findUnique({ where: { collectionId_number: { collectionId, number } } });
}

export async function insertGroup(tx: Tx, collectionId: string, wording: string) {
  const last = await tx.staffQuestionGroup.findFirst({
    where: { collectionId },
    orderBy: { number: 'desc' },
    select: { number: true },
  });
  return tx.staffQuestionGroup.create({ data: { collectionId, number: (last?.number ?? 0) + 1, wording } });
}

export function updateGroup(
  tx: Tx,
  id: string,
  data: Partial<{
    wording: string;
    assigneeId: string;
    answer: string;
    answeredById: string;
    answeredAt: Date;
  }>,
) {
  return tx.staffQuestionGroup.update({ where: { id }, data });
}

export function moveQuestionsToGroup(tx: Tx, ids: string[], groupId: string) {
  return tx.staffQuestion.updateMany({ where: { id: { in: ids } }, data: { groupId } });
}

/** Groups left without a question once theirs moved elsewhere. */
export async function deleteEmptyGroups(tx: Tx, collectionId: string) {
  const empty = await tx.staffQuestionGroup.findMany({
    where: { collectionId, questions: { none: {} } },
    select: { id: true },
  });
  if (empty.length) await tx.staffQuestionGroup.deleteMany({ where: { id: { in: empty.map((g) => g.id) } } });
  return empty.map((g) => g.id);
}

export function markPublished(tx: Tx, collectionId: string, at: Date) {
  return tx.staffQaCollection.update({ where: { id: collectionId }, data: { publishedAt: at } });
}

export function findQuestionByFollowUpHash(db: Db, followUpHash: string) {
  return db.staffQuestion.findUnique({
    where: { followUpHash },
    select: {
      ref: true,
      text: true,
      collection: {
        select: { id: true, topic: true, number: true, publishedAt: true, organizationId: true },
      },
      group: { select: { number: true, wording: true, answer: true } },
    },
  });
}

/** The staff members with these ids (names for the board's list and the annex). */
export function findStaffNames(db: Db, ids: string[]) {
  return db.staff.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true, title: true } });
}

/** The organisation's linked unit groups (Telegram chats), for the published answers. */
export function listUnitGroupChats(db: Db, organizationId: string) {
  return db.unit.findMany({
    where: { organizationId, active: true, telegramChatId: { not: null } },
    select: { id: true, telegramChatId: true },
    orderBy: { code: 'asc' },
  });
}

export function listEvents(db: Db, collectionId: string) {
  return db.staffQaEvent.findMany({ where: { collectionId }, orderBy: { at: 'asc' } });
}

/** The organisation's published calls, newest first. */
export function listPublishedCollections(db: Db, organizationId: string, take: number) {
  return db.staffQaCollection.findMany({
    where: { organizationId, publishedAt: { not: null } },
    orderBy: { number: 'desc' },
    take,
  });
}
