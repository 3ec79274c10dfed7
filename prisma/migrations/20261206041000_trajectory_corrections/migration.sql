-- CreateTable
CREATE TABLE "TrajectoryCorrection" (
    "id" TEXT NOT NULL,
    "trajectoryId" TEXT NOT NULL,
    "messages" TEXT NOT NULL,
    "editedSteps" INTEGER[],
    "reason" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrajectoryCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrajectoryCorrection_trajectoryId_createdAt_idx" ON "TrajectoryCorrection"("trajectoryId", "createdAt");

-- AddForeignKey
ALTER TABLE "TrajectoryCorrection" ADD CONSTRAINT "TrajectoryCorrection_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrajectoryCorrection" ADD CONSTRAINT "TrajectoryCorrection_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN "forkedFromCorrectionId" TEXT;

-- AddForeignKey
ALTER TABLE "Trajectory" ADD CONSTRAINT "Trajectory_forkedFromCorrectionId_fkey" FOREIGN KEY ("forkedFromCorrectionId") REFERENCES "TrajectoryCorrection"("id") ON DELETE SET NULL ON UPDATE CASCADE;
