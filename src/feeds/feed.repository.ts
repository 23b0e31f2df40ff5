// The only code of the event feeds that touches Prisma: the outbox rows (written inside the case
// event's transaction), webhooks, and the delivery log.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import { Prisma } from '../db/generated/client.js';
import { queryRows } from '../db/raw-sql.js';
import type { CaseStatus } from '../db/generated/enums.js';
import { utcTimestamp } from '../db/utc-timestamp.js';
import { buildFeedPayload, feedTypesOf, type FeedCaseFacts } from './feed-events.js';

type Tx = Prisma.TransactionClient;

/** The case row as a move leaves it: what a feed payload tells of the case besides the codes. */
export type FeedCaseRow = Omit<FeedCaseFacts, 'organization' | 'unit'> & { organizationId: string };

const FEED_CASE_ROW_SELECT = {
  id: true,
  kind: true,
  channel: true,
  audience: true,
  status: true,
  outcome: true,
  satisfaction: true,
  receivedAt: true,
  organizationId: true,
} as const;

/**
 * The feed events a case event stands for, written in the event's own statement (appendCaseEvent in
 * case.repository.ts): the move and what the feeds say about it are committed together or not at
 * all (the outbox). Null when the event reports nothing. The statement (decision 0065) numbers the
 * events after the case's highest sequence and fills the payload's sequence and the organisation's
 * and unit's codes; the rest of the payload is built here from `caseRow`, the case as the caller
 * just wrote it (read back only when the caller has not got it). Every move that reports one first
 * writes the case row (a new case, a versioned update, the satisfaction score), whose lock orders
 * writers on one case; (caseId, sequence) is unique as well, so a writer that slipped past would
 * fail rather than number twice.
 */
export async function feedEventsOf(
  tx: Tx,
  e: {
    caseEventId: string;
    caseId: string;
    action: string;
    fromStatus?: CaseStatus | null;
    toStatus?: CaseStatus | null;
    at: Date;
    caseRow?: FeedCaseRow | undefined;
    /**
     * Where the statement finds the case row: the table, or the name of a data-modifying WITH
     * query that inserts it, whose row the table does not show within the statement (decision 0098).
     */
    caseSource?: Prisma.Sql;
  },
): Promise<Prisma.Sql | null> {
  const types = feedTypesOf(e);
  if (types.length === 0) return null;
  const row =
    e.caseRow ?? (await tx.case.findUnique({ where: { id: e.caseId }, select: FEED_CASE_ROW_SELECT }));
  if (!row) return null;
  // Sequence and codes are placeholders here: the statement below sets them.
  const facts = { ...row, organization: { code: '' }, unit: null };
  const events = types.map((type, i) => {
    const id = randomUUID();
    return { id, type, ord: i + 1, payload: buildFeedPayload(id, type, 0, e.at, facts, e) };
  });
  return Prisma.sql`
    INSERT INTO "case_feed_events"
      ("id", "caseId", "organizationId", "caseEventId", "type", "sequence", "payload", "createdAt")
    SELECT f.id, c.id, c."organizationId", ${e.caseEventId}::uuid, f.type, last.n + f.ord,
      jsonb_set(
        jsonb_set(
          jsonb_set(f.payload, '{sequence}', to_jsonb(last.n + f.ord)),
          '{case,organization}', to_jsonb(o.code)),
        '{case,unit}', coalesce(to_jsonb(u.code), 'null'::jsonb)),
      ${utcTimestamp(e.at)}
    FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS f(id uuid, type text, ord int, payload jsonb)
    CROSS JOIN ${e.caseSource ?? Prisma.raw('"cases"')} c
    JOIN "organizations" o ON o.id = c."organizationId"
    LEFT JOIN "units" u ON u.id = c."unitId"
    CROSS JOIN (SELECT coalesce(max("sequence"), 0) AS n FROM "case_feed_events" WHERE "caseId" = ${e.caseId}::uuid) last
    WHERE c.id = ${e.caseId}::uuid`;
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

/**
 * Gives up to `limit` feed events not yet fanned out, oldest first, one delivery row per webhook of
 * their organisation that wants their type and was registered before them, and marks them: one
 * statement for the batch (it was a transaction of four round trips per event, decision 0104).
 * A row another pump holds is skipped, not waited for; a delivery that exists is not made again.
 * Returns how many events it marked.
 */
export async function fanOutFeedEvents(db: Db, limit: number, at: Date): Promise<number> {
  // The insert runs whether or not the query reads it (PostgreSQL runs every data-modifying WITH).
  const [row] = await queryRows<{ events: number }>(
    db,
    Prisma.sql`
    WITH due AS (
      SELECT e.id, e."caseId", e."organizationId", e.type, e.sequence, e."createdAt"
      FROM "case_feed_events" e
      WHERE e."fannedOutAt" IS NULL
      ORDER BY e."createdAt", e.sequence
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), made AS (
      INSERT INTO "webhook_deliveries" ("id", "webhookId", "feedEventId", "caseId", "sequence", "createdAt")
      SELECT gen_random_uuid(), h.id, d.id, d."caseId", d.sequence, ${utcTimestamp(at)}
      FROM due d
      JOIN "event_webhooks" h ON h."organizationId" = d."organizationId"
        AND h."removedAt" IS NULL AND h."createdAt" <= d."createdAt" AND d.type = ANY (h.events)
      ON CONFLICT ("webhookId", "feedEventId") DO NOTHING
    ), marked AS (
      UPDATE "case_feed_events" e SET "fannedOutAt" = ${utcTimestamp(at)}
      FROM due WHERE e.id = due.id
      RETURNING 1
    )
    SELECT count(*)::int AS events FROM marked`,
  );
  return row!.events;
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
