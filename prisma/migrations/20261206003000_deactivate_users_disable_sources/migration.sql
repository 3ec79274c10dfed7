-- AlterTable
ALTER TABLE "user" ADD COLUMN "deactivatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ToolSource" ADD COLUMN "disabledAt" TIMESTAMP(3);
