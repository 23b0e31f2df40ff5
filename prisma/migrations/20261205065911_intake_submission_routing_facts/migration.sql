-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "intakeFailureReason" TEXT;

-- AlterTable
ALTER TABLE "intake_submissions" ADD COLUMN     "audience" "Audience",
ADD COLUMN     "channel" "Channel",
ADD COLUMN     "followUpSecretHash" TEXT,
ADD COLUMN     "kind" "CaseKind",
ADD COLUMN     "organizationId" UUID,
ADD COLUMN     "unitId" UUID;
