-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RunStatus" ADD VALUE 'paused' AFTER 'running';
ALTER TYPE "RunStatus" ADD VALUE 'partial' AFTER 'succeeded';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "pausedReason" TEXT;

-- AlterTable
ALTER TABLE "LlmCall" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "backoffMs" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "queuedMs" INTEGER NOT NULL DEFAULT 0;

