-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN "endError" TEXT;
