-- CreateEnum
CREATE TYPE "CompetenceLevel" AS ENUM ('organization', 'managing_body');

-- DropIndex
DROP INDEX "cases_unitId_status_idx";

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "accusedUnitId" UUID,
ADD COLUMN     "competenceLevel" "CompetenceLevel",
ADD COLUMN     "referredToOrganizationId" UUID;

-- CreateIndex
CREATE INDEX "cases_unitId_status_governingDueOn_id_idx" ON "cases"("unitId", "status", "governingDueOn", "id");

-- CreateIndex
CREATE INDEX "cases_referredToOrganizationId_status_idx" ON "cases"("referredToOrganizationId", "status");

-- Backfill: the competence referral of the routing decision in force (the latest `route` event),
-- as caseScopeOf (src/cases/case-scope.ts) reads it (ids that are not UUIDs count as none).
UPDATE "cases" c SET
  "competenceLevel" = (r."competence"->>'level')::"CompetenceLevel",
  "accusedUnitId" = CASE WHEN r."competence"->>'accusedUnitId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    THEN (r."competence"->>'accusedUnitId')::uuid END,
  "referredToOrganizationId" = CASE WHEN r."competence"->>'level' = 'managing_body'
      AND r."competence"->>'managingOrganizationId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    THEN (r."competence"->>'managingOrganizationId')::uuid END
FROM (
  SELECT DISTINCT ON (e."caseId") e."caseId", e."data"->'competence' AS "competence"
  FROM "case_events" e
  WHERE e."action" = 'route'
  ORDER BY e."caseId", e."createdAt" DESC, e."id" DESC
) r
WHERE r."caseId" = c."id" AND r."competence"->>'level' IN ('organization', 'managing_body');
