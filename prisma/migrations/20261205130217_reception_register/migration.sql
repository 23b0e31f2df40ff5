-- CreateEnum
CREATE TYPE "ReceptionHandling" AS ENUM ('guided', 'accepted_petition', 'forwarded', 'answered');

-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'in_person';

-- CreateTable
CREATE TABLE "reception_visits" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "visitKey" TEXT NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL,
    "officerStaffId" UUID NOT NULL,
    "visitorCiphertext" BYTEA NOT NULL,
    "keyId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "handling" "ReceptionHandling" NOT NULL,
    "petitionReceivedOn" DATE,
    "priorBody" TEXT,
    "bookingReference" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reception_visits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reception_visit_cases" (
    "visitId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "reception_visit_cases_pkey" PRIMARY KEY ("visitId","caseId")
);

-- CreateIndex
CREATE UNIQUE INDEX "reception_visits_visitKey_key" ON "reception_visits"("visitKey");

-- CreateIndex
CREATE INDEX "reception_visits_organizationId_visitedAt_idx" ON "reception_visits"("organizationId", "visitedAt");

-- CreateIndex
CREATE INDEX "reception_visit_cases_caseId_idx" ON "reception_visit_cases"("caseId");

-- AddForeignKey
ALTER TABLE "reception_visits" ADD CONSTRAINT "reception_visits_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reception_visits" ADD CONSTRAINT "reception_visits_officerStaffId_fkey" FOREIGN KEY ("officerStaffId") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reception_visit_cases" ADD CONSTRAINT "reception_visit_cases_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "reception_visits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reception_visit_cases" ADD CONSTRAINT "reception_visit_cases_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
