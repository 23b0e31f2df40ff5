-- CreateEnum
CREATE TYPE "ReportFilingStatus" AS ENUM ('draft', 'signed', 'filed');

-- CreateTable
CREATE TABLE "report_definitions" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodKind" TEXT NOT NULL,
    "dueMonths" INTEGER[],
    "dueDay" INTEGER NOT NULL,
    "draftWorkingDaysBefore" INTEGER NOT NULL,
    "recipients" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "report_definitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "periodic_report_filings" (
    "id" UUID NOT NULL,
    "ref" TEXT NOT NULL,
    "definitionId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "periodCode" TEXT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "dueOn" DATE NOT NULL,
    "status" "ReportFilingStatus" NOT NULL DEFAULT 'draft',
    "draftFileKey" TEXT,
    "xlsxFileKey" TEXT,
    "signedFileKey" TEXT,
    "year" INTEGER,
    "number" INTEGER,
    "signerName" TEXT,
    "signerTitle" TEXT,
    "signedByStaffId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signedAt" TIMESTAMP(3),
    "filedAt" TIMESTAMP(3),
    "escalated" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "events" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "periodic_report_filings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "report_definitions_organizationId_code_key" ON "report_definitions"("organizationId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "periodic_report_filings_ref_key" ON "periodic_report_filings"("ref");

-- CreateIndex
CREATE INDEX "periodic_report_filings_status_dueOn_idx" ON "periodic_report_filings"("status", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "periodic_report_filings_definitionId_periodCode_key" ON "periodic_report_filings"("definitionId", "periodCode");

-- AddForeignKey
ALTER TABLE "report_definitions" ADD CONSTRAINT "report_definitions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "periodic_report_filings" ADD CONSTRAINT "periodic_report_filings_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "report_definitions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "periodic_report_filings" ADD CONSTRAINT "periodic_report_filings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
