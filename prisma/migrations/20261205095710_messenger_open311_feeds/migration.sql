-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'messenger';

-- CreateTable
CREATE TABLE "open311_clients" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "open311_clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_webhooks" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secretCiphertext" BYTEA NOT NULL,
    "events" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "event_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_feed_events" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "caseEventId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "fannedOutAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "case_feed_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "webhookId" UUID NOT NULL,
    "feedEventId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "open311_clients_keyHash_key" ON "open311_clients"("keyHash");

-- CreateIndex
CREATE INDEX "event_webhooks_organizationId_idx" ON "event_webhooks"("organizationId");

-- CreateIndex
CREATE INDEX "case_feed_events_fannedOutAt_createdAt_idx" ON "case_feed_events"("fannedOutAt", "createdAt");

-- CreateIndex
CREATE INDEX "case_feed_events_organizationId_createdAt_idx" ON "case_feed_events"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "case_feed_events_caseId_sequence_key" ON "case_feed_events"("caseId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "case_feed_events_caseEventId_type_key" ON "case_feed_events"("caseEventId", "type");

-- CreateIndex
CREATE INDEX "webhook_deliveries_webhookId_caseId_status_sequence_idx" ON "webhook_deliveries"("webhookId", "caseId", "status", "sequence");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_createdAt_idx" ON "webhook_deliveries"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_webhookId_feedEventId_key" ON "webhook_deliveries"("webhookId", "feedEventId");
