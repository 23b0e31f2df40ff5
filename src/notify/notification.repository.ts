// The only notify code that touches Prisma. Status changes are conditional on `pending`, so a row
// already sent, undeliverable or failed never changes again whatever a late worker does.
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';
import type { Channel } from '../db/generated/enums.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import {
  afterOldestFirstKey,
  OLDEST_FIRST,
  OLDEST_FIRST_KEY,
  type OldestFirstKey,
} from '../db/oldest-first-page.js';

export interface NewNotification {
  caseId: string | undefined;
  channel: Channel;
  recipientCiphertext: Uint8Array;
  content: Prisma.InputJsonValue;
  dedupeKey: string;
}

/** Inserts the row; `undefined` when a row with the same dedupe key exists already. */
export async function insertNotification(db: Db | Prisma.TransactionClient, data: NewNotification) {
  try {
    return await db.notification.create({
      data: {
        caseId: data.caseId ?? null,
        channel: data.channel,
        recipientCiphertext: Uint8Array.from(data.recipientCiphertext),
        content: data.content,
        dedupeKey: data.dedupeKey,
      },
      select: { id: true },
    });
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

export function findNotificationByDedupeKey(db: Db, dedupeKey: string) {
  return db.notification.findUnique({ where: { dedupeKey }, select: { id: true, status: true } });
}

export function findNotification(db: Db, id: string) {
  return db.notification.findUnique({ where: { id } });
}

export async function recordSendAttempt(db: Db, id: string): Promise<void> {
  await db.notification.updateMany({
    where: { id, status: 'pending' },
    data: { attempts: { increment: 1 } },
  });
}

/** True when this call moved the row from pending to sent. */
export async function markNotificationSent(db: Db, id: string, channelMessageId: string, at: Date) {
  const { count } = await db.notification.updateMany({
    where: { id, status: 'pending' },
    data: { status: 'sent', channelMessageId, sentAt: at, lastError: null },
  });
  return count === 1;
}

export async function markNotificationUndeliverable(db: Db, id: string, reason: string) {
  await db.notification.updateMany({
    where: { id, status: 'pending' },
    data: { status: 'undeliverable', lastError: reason },
  });
}

export async function markNotificationFailed(db: Db, id: string, reason: string) {
  await db.notification.updateMany({
    where: { id, status: 'pending' },
    data: { status: 'failed', lastError: reason },
  });
}

/** Keeps the row pending (it will be retried) but shows why the last try did not go through. */
export async function recordNotificationError(db: Db, id: string, reason: string) {
  await db.notification.updateMany({ where: { id, status: 'pending' }, data: { lastError: reason } });
}

/** A pending notification as the recovery sweep pages through them. */
export type PendingNotificationKey = OldestFirstKey;

/** Pending notifications created before `olderThan`, after the keyset `after`, oldest first. */
export function listPendingNotifications(
  db: Db,
  input: { olderThan: Date; after: PendingNotificationKey | null; take: number },
): Promise<PendingNotificationKey[]> {
  return db.notification.findMany({
    where: { status: 'pending', createdAt: { lt: input.olderThan }, ...afterOldestFirstKey(input.after) },
    select: OLDEST_FIRST_KEY,
    orderBy: OLDEST_FIRST,
    take: input.take,
  });
}

/** What an officer may see about the messages of a case: never the recipient, never the content. */
export function listNotificationStatusesOfCase(db: Db, caseId: string) {
  return db.notification.findMany({
    where: { caseId },
    select: {
      id: true,
      channel: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
    orderBy: { createdAt: 'asc' },
  });
}

/**
 * A held notification goes back to `pending` when its recipient can be reached again (they wrote
 * to the channel). True when this call moved it; a row sent, failed or already reopened is left.
 */
export async function reopenUndeliverableNotification(db: Db, id: string): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: { id, status: 'undeliverable' },
    data: { status: 'pending' },
  });
  return count === 1;
}

/** How many notifications there are of each channel and status (metrics; one aggregate query). */
export async function countNotificationsByChannelAndStatus(db: Db) {
  const rows = await db.notification.groupBy({ by: ['channel', 'status'], _count: { _all: true } });
  return rows.map((r) => ({ channel: r.channel, status: r.status, count: r._count._all }));
}
