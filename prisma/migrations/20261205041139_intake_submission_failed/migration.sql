-- AlterEnum
ALTER TYPE "SubmissionStatus" ADD VALUE 'failed';

-- AlterTable
ALTER TABLE "intake_submissions" ADD COLUMN     "failedAt" TIMESTAMP(3),
ADD COLUMN     "failureReason" TEXT;
