-- AlterTable
ALTER TABLE "case_events" ADD COLUMN     "effectsDoneAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "acceptedAt" TIMESTAMP(3),
ADD COLUMN     "governingClockKind" TEXT,
ADD COLUMN     "governingDueOn" DATE,
ADD COLUMN     "petitionDateCorrectedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "cases_organizationId_status_governingDueOn_id_idx" ON "cases"("organizationId", "status", "governingDueOn", "id");

-- Backfill: events written before the effect executor have no effects left to run.
UPDATE "case_events" SET "effectsDoneAt" = "createdAt";

-- Backfill: the day a case was accepted, from its audit trail.
UPDATE "cases" c SET "acceptedAt" = (
  SELECT min(e."createdAt") FROM "case_events" e WHERE e."caseId" = c."id" AND e."action" = 'accept'
);

-- Backfill: the governing clock (statutory before internal, then the earliest due), as
-- src/deadlines/governing-clock.ts decides it for every later change.
UPDATE "cases" c SET "governingClockKind" = g."kind", "governingDueOn" = g."dueOn"
FROM (
  SELECT DISTINCT ON (k."caseId") k."caseId", k."kind", k."dueOn"
  FROM "clocks" k
  WHERE k."status" <> 'stopped'
  ORDER BY k."caseId", (k."kind" IN ('internal_answer', 'staff_feedback_answer')), k."dueOn"
) g
WHERE g."caseId" = c."id";
