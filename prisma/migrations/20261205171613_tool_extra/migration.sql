-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "extra" JSONB;

