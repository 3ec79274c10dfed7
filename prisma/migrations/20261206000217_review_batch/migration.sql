-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "batchId" TEXT;

-- CreateIndex
CREATE INDEX "Review_batchId_idx" ON "Review"("batchId");

