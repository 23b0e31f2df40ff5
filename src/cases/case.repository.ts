// The only code that writes cases and their audit trail to Prisma.
import type { Db } from '../db/database.js';
import { Prisma, type Case as CaseRow, type Clock as ClockRow } from '../db/generated/client.js';
import { executeStatement, queryRows } from '../db/raw-sql.js';
import { utcTimestamp } from '../db/utc-timestamp.js';
import { v7 as uuidv7 } from 'uuid';
import type { ActorType, CaseStatus, Channel } from '../db/generated/enums.js';
import { feedEventsOf, type FeedCaseRow } from '../feeds/feed.repository.js';
import { caseSearchText } from './case-search-text.js';

export type Tx = Prisma.TransactionClient;

export interface CaseEventInput {
  caseId: string;
  action: string;
  fromStatus?: CaseStatus | null;
  toStatus?: CaseStatus | null;
  actorType: ActorType;
  actorStaffId?: string | null;
  actorRole?: string | null;
  reason?: string | null;
  data?: Prisma.InputJsonValue;
  at: Date;
  /** The event has effects that run after the commit (case-effects.ts); they mark it done. */
  effectsPending?: boolean;
  /** The case as this change left it, when the caller holds it: its feed events need not read it. */
  caseRow?: FeedCaseRow;
}

/**
 * Audit events are append-only; every change to a case writes one in the same transaction, and
 * with it the event feeds' outbox rows (src/feeds) when the move is one they report.
 */
export async function appendCaseEvent(tx: Tx, e: CaseEventInput): Promise<{ id: string }> {
  const id = newCaseEventId();
  const feed = await feedEventsOf(tx, { ...e, caseEventId: id });
  // One statement for the event and its feed rows (decision 0091); the feed rows' foreign key to
  // the event is checked at the statement's end, when the event is there.
  const event = caseEventInsert(id, e);
  await tx.$executeRaw(feed ? Prisma.sql`WITH event AS (${event}) ${feed}` : event);
  return { id };
}

/**
 * An audit event's id, made here as Prisma's uuid(7) default made it: time-ordered, and increasing
 * within this process, so events of one instant read back in the order they were written.
 */
export const newCaseEventId = (): string => uuidv7();

/**
 * The INSERT of one audit event, for appendCaseEvent and for a writer that makes the event part of
 * a larger statement (routing, decision 0093): `where` makes the row depend on the rest of that
 * statement. A move the event feeds report goes through appendCaseEvent.
 */
export function caseEventInsert(
  id: string,
  e: Omit<CaseEventInput, 'caseRow' | 'data'> & { data?: Prisma.InputJsonValue | Prisma.Sql },
  where: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  // `data` as SQL: a writer whose event tells what the rest of its statement did (decision 0098).
  const data =
    e.data instanceof Prisma.Sql
      ? e.data
      : Prisma.sql`${e.data === undefined ? null : JSON.stringify(e.data)}::jsonb`;
  return Prisma.sql`
    INSERT INTO "case_events" ("id", "caseId", "action", "fromStatus", "toStatus", "actorType",
      "actorStaffId", "actorRole", "reason", "data", "effectsDoneAt", "createdAt")
    SELECT ${id}::uuid, ${e.caseId}::uuid, ${e.action}::text, ${e.fromStatus ?? null}::"CaseStatus",
      ${e.toStatus ?? null}::"CaseStatus", ${e.actorType}::"ActorType", ${e.actorStaffId ?? null}::uuid,
      ${e.actorRole ?? null}::text, ${e.reason ?? null}::text,
      ${data},
      ${e.effectsPending ? null : e.at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${utcTimestamp(e.at)}
    ${where}`;
}

/**
 * Writes field changes if the case is still at `version` (and, when given, still in `onlyIn`), and
 * bumps the version; returns the case as written, or null when someone else changed it first.
 * Callers: the lifecycle service (a move) and the routing repository (a routing decision).
 */
export async function updateCaseAtVersion(
  tx: Tx,
  caseId: string,
  version: number,
  data: Omit<Prisma.CaseUncheckedUpdateManyInput, 'version'>,
  onlyIn?: CaseStatus,
) {
  const [updated] = await tx.case.updateManyAndReturn({
    where: { id: caseId, version, ...(onlyIn ? { status: onlyIn } : {}) },
    data: { ...data, version: { increment: 1 } },
  });
  return updated ?? null;
}

/** Column changes of a move, as values (no Prisma operations): updateCaseAtVersionWithEvent. */
export type CaseColumnChanges = Partial<Omit<CaseRow, 'id' | 'version' | 'updatedAt' | 'createdAt'>>;

/**
 * updateCaseAtVersion and appendCaseEvent as one statement, for a move that writes nothing else
 * (decision 0099): the event and its feed rows are inserted only if the versioned update found the
 * case. `event.caseRow` is the case as the move leaves it (`current` with `changes`), for the
 * feed's payload.
 * Returns the case's new version and update time, or null when someone else changed the case
 * first: then nothing is written.
 */
export async function updateCaseAtVersionWithEvent(
  db: Db,
  current: Pick<CaseRow, 'id' | 'version'>,
  changes: CaseColumnChanges,
  event: Omit<CaseEventInput, 'caseId' | 'caseRow'> & { id: string; caseRow: FeedCaseRow },
): Promise<{ version: number; updatedAt: Date } | null> {
  // An undefined value leaves its column alone, as it does for Prisma.
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const columns = Object.keys(set).map((name) => {
    // Names come from CaseRow's type, never from input; checked all the same, as they go in raw.
    if (!/^[A-Za-z]+$/.test(name)) throw new Error(`Not a case column: ${name}`);
    return Prisma.raw(`"${name}" = r."${name}"`);
  });
  const onlyIfWritten = Prisma.sql`WHERE EXISTS (SELECT 1 FROM "written")`;
  const { id, caseRow, ...input } = event;
  const insert = caseEventInsert(id, { ...input, caseId: current.id }, onlyIfWritten);
  const feed = await feedEventsOf(db, {
    ...input,
    caseEventId: id,
    caseId: current.id,
    caseRow,
    caseSource: Prisma.raw('"written"'),
  });
  // updatedAt is the instant of the write, as Prisma's @updatedAt sets it (the console's live feed
  // reads it), not the app's clock.
  const [row] = await queryRows<{ version: number; updatedAt: Date }>(
    db,
    Prisma.sql`
    WITH "written" AS (
      UPDATE "cases" c SET ${columns.length ? Prisma.sql`${Prisma.join(columns)},` : Prisma.empty}
        "version" = c."version" + 1, "updatedAt" = ${utcTimestamp(new Date())}
      FROM jsonb_populate_record(NULL::"cases", ${JSON.stringify(set)}::jsonb) r
      WHERE c."id" = ${current.id}::uuid AND c."version" = ${current.version}::int
      RETURNING c.*),
    "event" AS (${insert})
    ${feed ? Prisma.sql`, "feed" AS (${feed})` : Prisma.empty}
    SELECT "version", "updatedAt" FROM "written"`,
  );
  return row ?? null;
}

/** The governing due date in force when the case was answered (case-lifecycle.service.ts). */
export function setAnsweredDueOn(tx: Tx, caseId: string, answeredDueOn: Date | null) {
  return tx.case.update({ where: { id: caseId }, data: { answeredDueOn } });
}

export function setCaseSatisfaction(tx: Tx, caseId: string, score: number, comment: string | null) {
  return tx.case.update({
    where: { id: caseId },
    data: { satisfaction: score, satisfactionComment: comment, version: { increment: 1 } },
  });
}

/**
 * The governing clock's kind and due date, kept by every clock write (clock.repository.ts). No row
 * comes back: nobody reads it, and rendering the case's forty columns is most of the statement's
 * cost to Prisma.
 */
export async function setGoverningDeadline(
  tx: Tx,
  caseId: string,
  kind: string | null,
  dueOn: Date | null,
): Promise<void> {
  const { count } = await tx.case.updateMany({
    where: { id: caseId },
    data: { governingClockKind: kind, governingDueOn: dueOn },
  });
  if (count === 0) throw new Error(`Case ${caseId} is gone: its governing deadline cannot be set.`);
}

/** Writes the case with the text the console searches (masked, folded: schema.prisma searchText). */
export function insertCase(tx: Tx, data: Omit<Prisma.CaseUncheckedCreateInput, 'searchText'>) {
  return tx.case.create({ data: { ...data, searchText: caseSearchText(data) } });
}

/** What a new case is made of; every other column starts at the schema's default. */
export type NewCaseFields = Pick<
  CaseRow,
  | 'id'
  | 'code'
  | 'submissionId'
  | 'organizationId'
  | 'unitId'
  | 'kind'
  | 'channel'
  | 'audience'
  | 'identityMode'
  | 'description'
  | 'place'
  | 'occurredAt'
  | 'involved'
  | 'followUpSecretHash'
  | 'receivedAt'
  | 'governingClockKind'
  | 'governingDueOn'
>;

/**
 * A new case's whole row, as insertCase would make it from `fields`, for a writer that inserts it
 * in SQL (decision 0098) and hands it on without reading it back. The defaults repeat the schema's;
 * test/integration/process-submission-statement.test.ts compares this row with one Prisma creates
 * from the same fields, so the two cannot drift apart. `writtenAt` stands for `createdAt` and
 * `updatedAt`, which Prisma fills from the wall clock.
 */
export function newCaseRow(fields: NewCaseFields, writtenAt: Date): CaseRow {
  return {
    assigneeId: null,
    status: 'received',
    urgency: 'normal',
    category: null,
    outcome: null,
    answer: null,
    satisfaction: null,
    satisfactionComment: null,
    paused: false,
    forwardCount: 0,
    duplicateOfId: null,
    petitionReceivedOn: null,
    petitionDateCorrectedAt: null,
    resolvedAt: null,
    closedAt: null,
    version: 0,
    acceptedAt: null,
    answeredDueOn: null,
    accusedUnitId: null,
    competenceLevel: null,
    referredToOrganizationId: null,
    intakeFailureReason: null,
    ...fields,
    searchText: caseSearchText(fields),
    createdAt: writtenAt,
    updatedAt: writtenAt,
  };
}

export function insertSenderIdentity(tx: Tx, caseId: string, ciphertext: Uint8Array, keyId: string) {
  return tx.senderIdentity.create({ data: { caseId, ciphertext: Buffer.from(ciphertext), keyId } });
}

export function findCaseByCode(db: Db, code: string) {
  return db.case.findUnique({
    where: { code },
    include: {
      unit: { select: { name: true, code: true } },
      organization: { select: { name: true, code: true } },
      messages: { where: { visibility: 'public', direction: 'outbound' }, orderBy: { createdAt: 'asc' } },
    },
  });
}

/** The case a merged duplicate follows: its status and public replies, for the duplicate's tracking. */
export function findMasterForTracking(db: Db, id: string) {
  return db.case.findUnique({
    where: { id },
    select: {
      status: true,
      outcome: true,
      answer: true,
      updatedAt: true,
      unit: { select: { name: true } },
      messages: { where: { visibility: 'public', direction: 'outbound' }, orderBy: { createdAt: 'asc' } },
    },
  });
}

export function findCaseBySubmissionId(db: Db | Tx, submissionId: string) {
  return db.case.findUnique({ where: { submissionId } });
}

export function findCaseById(db: Db | Tx, id: string) {
  return db.case.findUnique({ where: { id } });
}

/** The most recent event of one action on a case (e.g. the routing decision in force). */
export function findLatestCaseEvent(db: Db | Tx, caseId: string, action: string) {
  return db.caseEvent.findFirst({
    where: { caseId, action },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}

export function findSenderIdentityRow(db: Db | Tx, caseId: string) {
  return db.senderIdentity.findUnique({ where: { caseId } });
}

/** An identity reveal: the access log row and its audit event, together or not at all. */
export function recordIdentityAccess(
  db: Db,
  input: { caseId: string; staffId: string; role: string; reason: string; at: Date },
) {
  return db.$transaction(async (tx) => {
    const log = await tx.accessLog.create({
      data: { caseId: input.caseId, staffId: input.staffId, reason: input.reason, createdAt: input.at },
    });
    await appendCaseEvent(tx, {
      caseId: input.caseId,
      action: 'reveal_identity',
      actorType: 'staff',
      actorStaffId: input.staffId,
      actorRole: input.role,
      reason: input.reason,
      data: { accessLogId: log.id },
      at: input.at,
    });
    return log;
  });
}

export function findCaseIdByCode(db: Db, code: string) {
  return db.case.findUnique({ where: { code }, select: { id: true } });
}

/** A message on a case and its audit event, together or not at all. */
export function insertCaseMessageWithEvent(
  db: Db,
  input: {
    caseId: string;
    direction: 'inbound' | 'outbound';
    visibility: 'public' | 'internal';
    body: string;
    authorStaffId: string;
    channel: Channel | null;
    event: { action: string; status: CaseStatus; role: string };
    at: Date;
  },
) {
  return db.$transaction(async (tx) => {
    const message = await tx.message.create({
      data: {
        caseId: input.caseId,
        direction: input.direction,
        visibility: input.visibility,
        body: input.body,
        authorStaffId: input.authorStaffId,
        channel: input.channel,
        createdAt: input.at,
      },
    });
    const event = await appendCaseEvent(tx, {
      caseId: input.caseId,
      action: input.event.action,
      fromStatus: input.event.status,
      toStatus: input.event.status,
      actorType: 'staff',
      actorStaffId: input.authorStaffId,
      actorRole: input.event.role,
      data: { messageId: message.id, visibility: input.visibility },
      at: input.at,
    });
    return { messageId: message.id, eventId: event.id };
  });
}

/**
 * What a notice of a move to the sender is made of, in one statement (decision 0100): the case's
 * facts, its sender's sealed identity (null: none kept) and the duplicates merged into it, oldest
 * first. Read after every move that tells the sender; null when the case is gone.
 */
export async function findSenderNoticeFacts(db: Db, caseId: string) {
  const [row] = await queryRows<{
    code: string;
    kind: CaseRow['kind'];
    outcome: CaseRow['outcome'];
    answer: string | null;
    petitionReceivedOn: Date | null;
    unitName: string | null;
    organizationName: string;
    identity: Uint8Array | null;
    followers: { id: string; code: string }[] | null;
  }>(
    db,
    Prisma.sql`
    SELECT c.code, c.kind, c.outcome, c.answer, c."petitionReceivedOn",
      u.name AS "unitName", o.name AS "organizationName",
      (SELECT s.ciphertext FROM "sender_identities" s WHERE s."caseId" = c.id) AS identity,
      (SELECT json_agg(json_build_object('id', d.id, 'code', d.code) ORDER BY d."createdAt")
         FROM "cases" d WHERE d."duplicateOfId" = c.id AND d.status = 'merged') AS followers
    FROM "cases" c
    JOIN "organizations" o ON o.id = c."organizationId"
    LEFT JOIN "units" u ON u.id = c."unitId"
    WHERE c.id = ${caseId}::uuid`,
  );
  return row ? { ...row, followers: row.followers ?? [] } : null;
}

/** Cases merged into this one (duplicates whose senders follow it). */
export function findMergedDuplicateIds(db: Db, masterCaseId: string) {
  return db.case.findMany({
    where: { duplicateOfId: masterCaseId, status: 'merged' },
    select: { id: true, code: true },
    orderBy: { createdAt: 'asc' },
  });
}

/** The case a merged duplicate now follows, for tracking. */
export function findMasterOfMerged(db: Db, caseId: string) {
  return db.case.findUnique({ where: { id: caseId }, select: { duplicateOfId: true, status: true } });
}

/**
 * Marks an event's after-commit effects as carried out (once; a second call changes nothing). In
 * SQL: once per case moved (decision 0106).
 */
export async function markCaseEventEffectsDone(db: Db | Tx, eventId: string, at: Date) {
  const count = await executeStatement(
    db,
    Prisma.sql`
      UPDATE "case_events" SET "effectsDoneAt" = ${utcTimestamp(at)}
      WHERE "id" = ${eventId}::uuid AND "effectsDoneAt" IS NULL`,
  );
  return { count };
}

export function findCaseEventById(db: Db | Tx, eventId: string) {
  return db.caseEvent.findUnique({ where: { id: eventId } });
}

/** Events whose after-commit effects have not run, oldest first, after `afterId` (keyset paging). */
export function listEventsWithPendingEffects(
  db: Db,
  input: { olderThan: Date; afterId: string | null; take: number },
) {
  return db.caseEvent.findMany({
    where: {
      effectsDoneAt: null,
      createdAt: { lt: input.olderThan },
      ...(input.afterId ? { id: { gt: input.afterId } } : {}),
    },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: input.take,
  });
}

/** Resolved cases resolved before `before`, oldest first: candidates for closing. */
export function listResolvedCaseIds(db: Db, before: Date, take: number) {
  return db.case.findMany({
    where: { status: 'resolved', resolvedAt: { lt: before } },
    select: { id: true },
    orderBy: [{ resolvedAt: 'asc' }, { id: 'asc' }],
    take,
  });
}

/** Events whose after-commit effects have not run and are older than `olderThan` (metrics; read-only). */
export function countEventsWithPendingEffects(db: Db, olderThan: Date) {
  return db.caseEvent.count({ where: { effectsDoneAt: null, createdAt: { lt: olderThan } } });
}

/** How many events of each action there are among `actions` (the milestones fired, for metrics). */
export async function countCaseEventsByAction(db: Db, actions: readonly string[]) {
  const rows = await db.caseEvent.groupBy({
    by: ['action'],
    where: { action: { in: [...actions] } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.action, r._count._all]));
}

/**
 * Open and overdue cases of every organisation, keyed by the organisation's code (metrics label
 * organisations by code, never by id). Overdue: the governing due date is before `today` (Vietnam).
 * Two aggregate queries over the (organizationId, status, governingDueOn) index, and the codes.
 */
export async function countOpenCasesByOrganization(db: Db, openStatuses: readonly CaseStatus[], today: Date) {
  const status = { in: [...openStatuses] };
  const [orgs, open, overdue] = await Promise.all([
    db.organization.findMany({ select: { id: true, code: true } }),
    db.case.groupBy({ by: ['organizationId'], where: { status }, _count: { _all: true } }),
    db.case.groupBy({
      by: ['organizationId'],
      where: { status, governingDueOn: { lt: today } },
      _count: { _all: true },
    }),
  ]);
  const openOf = new Map(open.map((r) => [r.organizationId, r._count._all]));
  const overdueOf = new Map(overdue.map((r) => [r.organizationId, r._count._all]));
  return orgs.map((o) => ({
    organizationCode: o.code,
    open: openOf.get(o.id) ?? 0,
    overdue: overdueOf.get(o.id) ?? 0,
  }));
}

export interface CaseOfSubmission {
  submissionId: string;
  processedAt: Date;
  /** The case's whole row (case.repository.ts newCaseRow), its governing deadline set from `clocks`. */
  caseRow: CaseRow;
  clocks: readonly ClockRow[];
  identity: {
    id: string;
    ciphertext: Uint8Array;
    keyId: string;
    revealable: boolean;
    createdAt: Date;
  } | null;
  /** Files the sender attached: only those stored for this very submission are linked. */
  attachmentIds: readonly string[];
  /** The `received` event; its data gains `attachments: n` when n files were linked. */
  event: { id: string } & Omit<CaseEventInput, 'caseId' | 'caseRow'>;
}

/**
 * A submission becomes its case in one statement (decision 0098): the submission marked processed,
 * the case, its identity, its files, its clocks, its audit event and the feeds' rows. Nothing is
 * written unless the submission is still without a case, so a second worker on the same submission
 * writes nothing, and learns it from `null`. Returns how many files were linked. Data-modifying
 * WITH queries all run to completion and see the database as it was before the statement; the
 * foreign keys between the new rows are checked at its end.
 */
export async function insertCaseOfSubmission(
  db: Db,
  w: CaseOfSubmission,
): Promise<{ attachments: number } | null> {
  const caseId = w.caseRow.id;
  const made = Prisma.sql`WHERE EXISTS (SELECT 1 FROM "inserted_case")`;
  const linked = w.attachmentIds.length
    ? Prisma.sql`, "linked_attachments" AS (
        UPDATE "attachments" SET "caseId" = ${caseId}::uuid
        WHERE "id" = ANY(${[...w.attachmentIds]}::uuid[]) AND "submissionId" = ${w.submissionId}
          AND "caseId" IS NULL AND EXISTS (SELECT 1 FROM "inserted_case")
        RETURNING 1)`
    : Prisma.empty;
  const data = w.attachmentIds.length
    ? Prisma.sql`${JSON.stringify(w.event.data ?? {})}::jsonb || (SELECT CASE WHEN count(*) > 0
        THEN jsonb_build_object('attachments', count(*)) ELSE '{}'::jsonb END FROM "linked_attachments")`
    : w.event.data;
  const event = caseEventInsert(w.event.id, { ...w.event, caseId, data }, made);
  const feed = await feedEventsOf(db, {
    ...w.event,
    caseEventId: w.event.id,
    caseId,
    caseRow: w.caseRow,
    caseSource: Prisma.raw('"inserted_case"'),
  });
  const identity = w.identity
    ? Prisma.sql`, "identity" AS (
        INSERT INTO "sender_identities" ("id", "caseId", "ciphertext", "keyId", "revealable", "createdAt")
        SELECT ${w.identity.id}::uuid, ${caseId}::uuid, decode(${Buffer.from(w.identity.ciphertext).toString('hex')}, 'hex'),
          ${w.identity.keyId}, ${w.identity.revealable}, ${utcTimestamp(w.identity.createdAt)}
        ${made})`
    : Prisma.empty;
  const clocks = w.clocks.length
    ? Prisma.sql`, "clocks" AS (
        INSERT INTO "clocks" SELECT r.* FROM jsonb_populate_recordset(NULL::"clocks", ${JSON.stringify(w.clocks)}::jsonb) r
        ${made})`
    : Prisma.empty;
  const [row] = await queryRows<{ attachments: number }>(
    db,
    Prisma.sql`
    WITH "submission" AS (
      UPDATE "intake_submissions"
      -- The payload has become a case and an encrypted identity; keeping a second copy helps nobody.
      SET "status" = 'processed', "caseId" = ${caseId}::uuid, "processedAt" = ${utcTimestamp(w.processedAt)},
        "payloadCiphertext" = NULL
      WHERE "id" = ${w.submissionId} AND "caseId" IS NULL
      RETURNING 1),
    "inserted_case" AS (
      INSERT INTO "cases" SELECT r.* FROM jsonb_populate_record(NULL::"cases", ${JSON.stringify(w.caseRow)}::jsonb) r
      WHERE EXISTS (SELECT 1 FROM "submission")
      RETURNING *)
    ${identity}${linked}${clocks},
    "event" AS (${event})
    ${feed ? Prisma.sql`, "feed" AS (${feed})` : Prisma.empty}
    SELECT ${w.attachmentIds.length ? Prisma.sql`(SELECT count(*) FROM "linked_attachments")::int` : Prisma.sql`0`} AS "attachments"
    FROM "inserted_case"`,
  );
  return row ?? null;
}
