-- AlterEnum
ALTER TYPE "LetterKind" ADD VALUE 'forward_slip';

-- CreateTable
CREATE TABLE "channel_credentials" (
    "channel" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "channel_credentials_pkey" PRIMARY KEY ("channel")
);

-- CreateTable
CREATE TABLE "web_chat_messages" (
    "id" UUID NOT NULL,
    "sessionKey" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "web_chat_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "web_chat_messages_sessionKey_createdAt_idx" ON "web_chat_messages"("sessionKey", "createdAt");
