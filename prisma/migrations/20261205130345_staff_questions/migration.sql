-- CreateEnum
CREATE TYPE "StaffQuestionMode" AS ENUM ('sealed', 'no_trace');

-- CreateTable
CREATE TABLE "staff_qa_collections" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "opensOn" DATE NOT NULL,
    "closesOn" DATE NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_qa_collections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_questions" (
    "id" UUID NOT NULL,
    "collectionId" UUID NOT NULL,
    "ref" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mode" "StaffQuestionMode" NOT NULL,
    "followUpHash" TEXT,
    "receivedOn" DATE NOT NULL,
    "groupId" UUID,

    CONSTRAINT "staff_questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_question_groups" (
    "id" UUID NOT NULL,
    "collectionId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "wording" TEXT NOT NULL,
    "assigneeId" UUID,
    "answer" TEXT,
    "answeredById" UUID,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_question_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_qa_events" (
    "id" UUID NOT NULL,
    "collectionId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "questionId" UUID,
    "groupId" UUID,
    "actorStaffId" UUID,
    "data" JSONB,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "staff_qa_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_qa_collections_organizationId_number_key" ON "staff_qa_collections"("organizationId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "staff_questions_followUpHash_key" ON "staff_questions"("followUpHash");

-- CreateIndex
CREATE INDEX "staff_questions_groupId_idx" ON "staff_questions"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "staff_questions_collectionId_ref_key" ON "staff_questions"("collectionId", "ref");

-- CreateIndex
CREATE UNIQUE INDEX "staff_question_groups_collectionId_number_key" ON "staff_question_groups"("collectionId", "number");

-- CreateIndex
CREATE INDEX "staff_qa_events_collectionId_at_idx" ON "staff_qa_events"("collectionId", "at");

-- AddForeignKey
ALTER TABLE "staff_qa_collections" ADD CONSTRAINT "staff_qa_collections_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_questions" ADD CONSTRAINT "staff_questions_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "staff_qa_collections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_questions" ADD CONSTRAINT "staff_questions_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "staff_question_groups"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_question_groups" ADD CONSTRAINT "staff_question_groups_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "staff_qa_collections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_qa_events" ADD CONSTRAINT "staff_qa_events_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "staff_qa_collections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
