-- DropIndex
DROP INDEX "cases_referredToOrganizationId_status_idx";

-- CreateIndex
CREATE INDEX "cases_referredToOrganizationId_status_governingDueOn_id_idx" ON "cases"("referredToOrganizationId", "status", "governingDueOn", "id");

-- CreateIndex
CREATE INDEX "cases_organizationId_governingDueOn_id_idx" ON "cases"("organizationId", "governingDueOn", "id");

-- CreateIndex
CREATE INDEX "cases_unitId_governingDueOn_id_idx" ON "cases"("unitId", "governingDueOn", "id");
