-- CreateTable
CREATE TABLE "triage_models" (
    "id" UUID NOT NULL,
    "model" BYTEA NOT NULL,
    "examples" INTEGER NOT NULL,
    "officerChoices" INTEGER NOT NULL,
    "metrics" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "triage_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "triage_suggestions" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "kind" "CaseKind",
    "kindConfidence" DOUBLE PRECISION NOT NULL,
    "unitRole" TEXT,
    "unitId" UUID,
    "unitConfidence" DOUBLE PRECISION NOT NULL,
    "urgency" "Urgency",
    "urgencyConfidence" DOUBLE PRECISION NOT NULL,
    "because" JSONB NOT NULL,
    "duplicates" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "triage_suggestions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "triage_choices" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "suggested" TEXT,
    "chosen" TEXT NOT NULL,
    "accepted" BOOLEAN NOT NULL,
    "staffId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "triage_choices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "early_warnings" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "unitKey" TEXT NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "windowStart" DATE NOT NULL,
    "windowEnd" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "expected" DOUBLE PRECISION NOT NULL,
    "caseIds" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "early_warnings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "triage_suggestions_caseId_key" ON "triage_suggestions"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "triage_choices_caseId_field_key" ON "triage_choices"("caseId", "field");

-- CreateIndex
CREATE UNIQUE INDEX "early_warnings_organizationId_unitKey_kind_windowEnd_key" ON "early_warnings"("organizationId", "unitKey", "kind", "windowEnd");

-- AddForeignKey
ALTER TABLE "triage_suggestions" ADD CONSTRAINT "triage_suggestions_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
