-- AlterTable
ALTER TABLE "units" ADD COLUMN     "nameEn" TEXT;
