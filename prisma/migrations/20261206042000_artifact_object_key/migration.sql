-- AlterTable
ALTER TABLE "Artifact" ADD COLUMN "objectKey" TEXT;
