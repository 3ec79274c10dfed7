-- AlterTable
ALTER TABLE "ReviewAssignment" ADD COLUMN     "deferredAt" TIMESTAMP(3);

