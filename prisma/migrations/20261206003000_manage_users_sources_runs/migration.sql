-- AlterTable
ALTER TABLE "user" ADD COLUMN "deactivatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ToolSource" ADD COLUMN "disabledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "outputsDeleted" JSONB NOT NULL DEFAULT '[]';
