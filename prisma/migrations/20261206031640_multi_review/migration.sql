-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "adjudication" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ReviewQueue" ADD COLUMN     "reviewsPerItem" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ReviewAssignment" DROP CONSTRAINT "ReviewAssignment_pkey",
ADD COLUMN     "slot" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "ReviewAssignment_pkey" PRIMARY KEY ("queueId", "trajectoryId", "slot");

-- CreateTable
CREATE TABLE "QueueReviewer" (
    "queueId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "trajectoryIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "assignedById" TEXT,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QueueReviewer_pkey" PRIMARY KEY ("queueId","reviewerId")
);

-- CreateIndex
CREATE INDEX "QueueReviewer_reviewerId_idx" ON "QueueReviewer"("reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAssignment_queueId_trajectoryId_reviewerId_key" ON "ReviewAssignment"("queueId", "trajectoryId", "reviewerId");

-- AddForeignKey
ALTER TABLE "QueueReviewer" ADD CONSTRAINT "QueueReviewer_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "ReviewQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueReviewer" ADD CONSTRAINT "QueueReviewer_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueReviewer" ADD CONSTRAINT "QueueReviewer_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

