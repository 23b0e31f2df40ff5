-- CreateTable
CREATE TABLE "reception_sessions" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "receiverRole" TEXT NOT NULL,
    "receiverName" TEXT NOT NULL,
    "receiverStaffId" UUID,
    "place" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "meetingLink" TEXT,
    "recurrence" TEXT NOT NULL,
    "weekday" INTEGER,
    "dayOfMonth" INTEGER,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "slotMinutes" INTEGER,
    "capacityPerSlot" INTEGER NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reception_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reception_bookings" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "sessionId" UUID NOT NULL,
    "occursOn" DATE NOT NULL,
    "slotStart" TEXT NOT NULL,
    "seat" INTEGER,
    "status" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "recipientCiphertext" BYTEA NOT NULL,
    "contactCiphertext" BYTEA NOT NULL,
    "conversationKey" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "caseCode" TEXT,
    "caseId" UUID,
    "remindAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "reception_bookings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reception_events" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "bookingId" UUID,
    "action" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorStaffId" UUID,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reception_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reception_sessions_organizationId_idx" ON "reception_sessions"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "reception_bookings_reference_key" ON "reception_bookings"("reference");

-- CreateIndex
CREATE INDEX "reception_bookings_conversationKey_idx" ON "reception_bookings"("conversationKey");

-- CreateIndex
CREATE INDEX "reception_bookings_status_remindAt_idx" ON "reception_bookings"("status", "remindAt");

-- CreateIndex
CREATE UNIQUE INDEX "reception_bookings_sessionId_occursOn_slotStart_seat_key" ON "reception_bookings"("sessionId", "occursOn", "slotStart", "seat");

-- CreateIndex
CREATE INDEX "reception_events_sessionId_createdAt_idx" ON "reception_events"("sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "reception_events_bookingId_idx" ON "reception_events"("bookingId");

-- AddForeignKey
ALTER TABLE "reception_sessions" ADD CONSTRAINT "reception_sessions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "reception_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
