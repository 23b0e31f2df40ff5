-- CreateTable
CREATE TABLE "directory_events" (
    "id" UUID NOT NULL,
    "organizationId" UUID,
    "action" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorStaffId" UUID,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "directory_events_organizationId_createdAt_idx" ON "directory_events"("organizationId", "createdAt");
