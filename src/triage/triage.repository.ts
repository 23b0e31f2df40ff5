// Database access for triage: models, suggestions, officers' choices. Only this file touches Prisma
// for them.
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { appendCaseEvent } from '../cases/case.repository.js';
import type { Db } from '../db/database.js';
import { Prisma } from '../db/generated/client.js';
import { executeStatement } from '../db/raw-sql.js';
import { utcTimestamp } from '../db/utc-timestamp.js';
import type { CaseKind } from '../cases/case-vocabulary.js';
import type { StoredTriageModel, TriageUrgency } from './triage-model.js';

export async function findLatestTriageModel(db: Db): Promise<{ id: string; stored: unknown } | null> {
  const row = await db.triageModel.findFirst({ orderBy: { createdAt: 'desc' } });
  return row ? { id: row.id, stored: JSON.parse(gunzipSync(row.model).toString('utf8')) } : null;
}

export async function saveTriageModel(
  db: Db,
  stored: StoredTriageModel,
  facts: { examples: number; officerChoices: number; metrics: object },
): Promise<string> {
  const row = await db.triageModel.create({
    data: {
      model: gzipSync(JSON.stringify(stored)),
      examples: facts.examples,
      officerChoices: facts.officerChoices,
      metrics: facts.metrics as Prisma.InputJsonValue,
    },
  });
  return row.id;
}

/** The text a suggestion is made from, without the sender's identity. */
const SUGGESTION_INPUT_SELECT = {
  id: true,
  code: true,
  organizationId: true,
  description: true,
  place: true,
  intakeFailureReason: true,
  triageSuggestion: { select: { id: true } },
} as const satisfies Prisma.CaseSelect;

/** The text triage reads and the facts it needs, without the sender's identity. */
export async function findCaseForTriage(db: Db, caseId: string) {
  return db.case.findUnique({
    where: { id: caseId },
    select: {
      ...SUGGESTION_INPUT_SELECT,
      kind: true,
      unitId: true,
      urgency: true,
      status: true,
      version: true,
      organization: { select: { units: { select: { id: true, code: true, name: true } } } },
    },
  });
}

/**
 * What suggesting reads of a new case: findCaseForTriage without the organisation's units, which
 * the worker takes from the directory cache (decision 0041).
 */
export async function findCaseToSuggestFor(db: Db, caseId: string) {
  return db.case.findUnique({ where: { id: caseId }, select: SUGGESTION_INPUT_SELECT });
}

/** What triage compares of these cases, in no particular order. */
export async function findCaseTextsForDuplicates(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db.case.findMany({
    where: { id: { in: [...caseIds] } },
    select: { id: true, code: true, description: true, place: true },
  });
}

export interface NewTriageSuggestion {
  caseId: string;
  source: 'local' | 'llm';
  kind: CaseKind | null;
  kindConfidence: number;
  unitRole: string | null;
  unitId: string | null;
  unitConfidence: number;
  urgency: TriageUrgency | null;
  urgencyConfidence: number;
  because: { kind: string[]; unit: string[]; urgency: string[] };
  duplicates: { caseId: string; code: string; similarity: number; shared: string[] }[];
}

/**
 * Stores the suggestion once per case: a retried job finds the first one and keeps it. One
 * `INSERT … ON CONFLICT DO NOTHING` (an upsert with nothing to update cost a transaction of four
 * statements), in SQL: Prisma compiles a `createMany` afresh at every call (decision 0086). True
 * when this call stored it.
 */
export async function saveTriageSuggestion(db: Db, s: NewTriageSuggestion): Promise<boolean> {
  const row = { id: randomUUID(), ...s };
  const count = await executeStatement(
    db,
    Prisma.sql`
    INSERT INTO "triage_suggestions"
      ("id", "caseId", "source", "kind", "kindConfidence", "unitRole", "unitId", "unitConfidence",
       "urgency", "urgencyConfidence", "because", "duplicates", "createdAt")
    SELECT r.id, r."caseId", r.source, r.kind::"CaseKind", r."kindConfidence", r."unitRole", r."unitId",
      r."unitConfidence", r.urgency::"Urgency", r."urgencyConfidence", r.because, r.duplicates,
      ${utcTimestamp(new Date())}
    FROM jsonb_to_record(${JSON.stringify(row)}::jsonb) AS r(
      id uuid, "caseId" uuid, source text, kind text, "kindConfidence" float8, "unitRole" text,
      "unitId" uuid, "unitConfidence" float8, urgency text, "urgencyConfidence" float8, because jsonb,
      duplicates jsonb)
    ON CONFLICT DO NOTHING`,
  );
  return count === 1;
}

export async function findTriageSuggestion(db: Db, caseId: string) {
  return db.triageSuggestion.findUnique({ where: { caseId } });
}

export type TriageField = 'kind' | 'unit' | 'urgency';

/** The value an officer chose for one field of a case's suggestion (one row per field), if any. */
export async function findLatestTriageChoice(
  db: Db,
  caseId: string,
  field: TriageField,
): Promise<string | null> {
  const row = await db.triageChoice.findUnique({
    where: { caseId_field: { caseId, field } },
    select: { chosen: true },
  });
  return row?.chosen ?? null;
}

/**
 * Records an officer's choice on one field and its audit event in one transaction. The event
 * changes no status and has no effects to run.
 */
export async function recordTriageChoiceRow(
  db: Db,
  input: {
    caseId: string;
    field: TriageField;
    suggested: string | null;
    chosen: string;
    staffId: string;
    role: string;
    now: Date;
  },
): Promise<void> {
  const accepted = input.suggested === input.chosen;
  await db.$transaction(async (tx) => {
    await tx.triageChoice.upsert({
      where: { caseId_field: { caseId: input.caseId, field: input.field } },
      update: { suggested: input.suggested, chosen: input.chosen, accepted, staffId: input.staffId },
      create: {
        caseId: input.caseId,
        field: input.field,
        suggested: input.suggested,
        chosen: input.chosen,
        accepted,
        staffId: input.staffId,
      },
    });
    await appendCaseEvent(tx, {
      caseId: input.caseId,
      action: 'triage_choice',
      actorType: 'staff',
      actorStaffId: input.staffId,
      actorRole: input.role,
      data: { field: input.field, suggested: input.suggested, chosen: input.chosen, accepted },
      at: input.now,
    });
  });
}

/** Every officer's choice with the case text it was made on: training examples. */
export async function findTriageChoicesForTraining(db: Db) {
  const choices = await db.triageChoice.findMany({ orderBy: { createdAt: 'asc' } });
  const cases = await db.case.findMany({
    where: { id: { in: [...new Set(choices.map((c) => c.caseId))] } },
    select: {
      id: true,
      description: true,
      place: true,
      kind: true,
      urgency: true,
      unit: { select: { code: true } },
    },
  });
  return { choices, cases: new Map(cases.map((c) => [c.id, c])) };
}

/** The active units of a case's organisation, for "Khoa/phòng khác…". */
export async function listActiveUnitsOfCase(db: Db, caseId: string) {
  const found = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      organization: {
        select: {
          units: { where: { active: true }, select: { id: true, name: true }, orderBy: { code: 'asc' } },
        },
      },
    },
  });
  return found.organization.units;
}
