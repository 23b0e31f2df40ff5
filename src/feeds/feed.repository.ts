// The only code of the event feeds that touches Prisma: the outbox rows (written inside the case
// event's transaction), webhooks, and the delivery log.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';
import type { CaseStatus } from '../db/generated/enums.js';
import { buildFeedPayload, feedTypesOf } from './feed-events.js';

type Tx = Prisma.TransactionClient;

/**
 * Writes the feed events a case event stands for, in its transaction: the move and what the feeds
 * say about it are committed together or not at all (the outbox). Sequence numbers continue the
 * case's. Every move that reports one first writes the case row (a new case, a versioned update,
 * the satisfaction score), whose lock orders writers on one case; (caseId, sequence) is unique as
 * well, so a writer that slipped past would fail rather than number twice.
 */
export async function recordFeedEvents(
  tx: Tx,
  e: {
    caseEventId: string;
    caseId: string;
    action: string;
    fromStatus?: CaseStatus | null;
    toStatus?: CaseStatus | null;
    at: Date;
  },
): Promise<void> {
  const types = feedTypesOf(e);
  if (types.length === 0) return;
  const facts = await tx.case.findUnique({
    where: { id: e.caseId },
    select: {
      id: true,
      kind: true,
      channel: true,
      audience: true,
      status: true,
      outcome: true,
      satisfaction: true,
      receivedAt: true,
      organizationId: true,
      organization: { select: { code: true } },
      unit: { select: { code: true } },
    },
  });
  if (!facts) return;
  const last = await tx.caseFeedEvent.aggregate({ where: { caseId: e.caseId }, _max: { sequence: true } });
  let sequence = last._max.sequence ?? 0;
  for (const type of types) {
    sequence++;
    const id = randomUUID();
    await tx.caseFeedEvent.create({
      data: {
        id,
        caseId: e.caseId,
        organizationId: facts.organizationId,
        caseEventId: e.caseEventId,
        type,
        sequence,
        payload: buildFeedPayload(id, type, sequence, e.at, facts, e) as unknown as Prisma.InputJsonValue,
        createdAt: e.at,
      },
    });
  }
}

export function insertWebhook(
  db: Db,
  data: { organizationId: string; url: string; secretCiphertext: Uint8Array; events: string[] },
) {
  return db.eventWebhook.create({ data: { ...data, secretCiphertext: Buffer.from(data.secretCiphertext) } });
}

export function listWebhooks(db: Db, organizationId?: string) {
  return db.eventWebhook.findMany({
    where: { removedAt: null, ...(organizationId ? { organizationId } : {}) },
    orderBy: { createdAt: 'asc' },
  });
}

export async function removeWebhook(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.eventWebhook.updateMany({ where: { id, removedAt: null }, data: { removedAt: at } });
  return r.count === 1;
}

export function findWebhook(db: Db, id: string) {
  return db.eventWebhook.findUnique({ where: { id } });
}

/** Feed events not yet given to the webhooks, oldest first. */
export function findUnfannedFeedEvents(db: Db, limit: number) {
  return db.caseFeedEvent.findMany({
    where: { fannedOutAt: null },
    orderBy: [{ createdAt: 'asc' }, { sequence: 'asc' }],
    take: limit,
    select: { id: true, caseId: true, organizationId: true, type: true, sequence: true, createdAt: true },
  });
}

/** One delivery row per interested webhook (a repeat makes none), then the event is marked. */
export async function fanOutFeedEvent(
  db: Db,
  event: {
    id: string;
    caseId: string;
    organizationId: string;
    type: string;
    sequence: number;
    createdAt: Date;
  },
  at: Date,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const hooks = await tx.eventWebhook.findMany({
      where: {
        organizationId: event.organizationId,
        removedAt: null,
        createdAt: { lte: event.createdAt },
        events: { has: event.type },
      },
      select: { id: true },
    });
    const made = await tx.webhookDelivery.createMany({
      data: hooks.map((h) => ({
        webhookId: h.id,
        feedEventId: event.id,
        caseId: event.caseId,
        sequence: event.sequence,
      })),
      skipDuplicates: true,
    });
    await tx.caseFeedEvent.updateMany({
      where: { id: event.id, fannedOutAt: null },
      data: { fannedOutAt: at },
    });
    return made.count;
  });
}

/** (webhook, case) pairs with deliveries waiting. */
export async function findPendingChains(db: Db, limit: number) {
  return db.webhookDelivery.findMany({
    where: { status: 'pending' },
    distinct: ['webhookId', 'caseId'],
    select: { webhookId: true, caseId: true },
    take: limit,
  });
}

/** The next delivery of a chain: the lowest sequence not yet delivered, with its payload. */
export function findNextDelivery(db: Db, webhookId: string, caseId: string) {
  return db.webhookDelivery.findFirst({
    where: { webhookId, caseId, status: 'pending' },
    orderBy: { sequence: 'asc' },
  });
}

export function findFeedEvent(db: Db, id: string) {
  return db.caseFeedEvent.findUnique({ where: { id } });
}

/** A lower-numbered event of the case not yet fanned out: the chain must wait for it. */
export async function hasEarlierUnfanned(db: Db, caseId: string, sequence: number): Promise<boolean> {
  return (
    (await db.caseFeedEvent.count({ where: { caseId, sequence: { lt: sequence }, fannedOutAt: null } })) > 0
  );
}

export function recordDeliveryAttempt(
  db: Db,
  id: string,
  outcome: { delivered: boolean; statusCode: number | null; error: string | null; at: Date },
) {
  return db.webhookDelivery.update({
    where: { id },
    data: {
      attempts: { increment: 1 },
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      lastAttemptAt: outcome.at,
      ...(outcome.delivered ? { status: 'delivered', deliveredAt: outcome.at } : {}),
    },
  });
}

export function listDeliveries(db: Db, webhookId: string, limit: number) {
  return db.webhookDelivery.findMany({
    where: { webhookId },
    orderBy: { createdAt: 'desc' },
    take: limit,
  });
}

export function findCasesForExport(db: Db, organizationId: string, from: Date, to: Date) {
  return db.case.findMany({
    where: { organizationId, receivedAt: { gte: from, lt: to } },
    orderBy: { receivedAt: 'asc' },
    select: {
      id: true,
      kind: true,
      channel: true,
      audience: true,
      status: true,
      outcome: true,
      urgency: true,
      satisfaction: true,
      receivedAt: true,
      updatedAt: true,
      unit: { select: { code: true } },
      events: {
        where: { toStatus: { in: ['resolved', 'closed'] } },
        select: { toStatus: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
}
