-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN     "contentHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Trajectory_contentHash_key" ON "Trajectory"("contentHash");

