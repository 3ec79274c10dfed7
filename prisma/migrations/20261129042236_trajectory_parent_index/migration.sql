-- CreateIndex
CREATE INDEX "Trajectory_parentId_idx" ON "Trajectory"("parentId");

