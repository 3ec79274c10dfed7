-- CreateEnum
CREATE TYPE "ScoreKind" AS ENUM ('boolean', 'categorical', 'numeric', 'text');

-- CreateEnum
CREATE TYPE "ScoreScope" AS ENUM ('trajectory', 'step');

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "removedTags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "ReviewQueue" ADD COLUMN     "rubric" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "ScoreConfig" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "ScoreKind" NOT NULL,
    "scope" "ScoreScope" NOT NULL,
    "options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "multiple" BOOLEAN NOT NULL DEFAULT false,
    "min" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "archivedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoreConfig_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueScoreConfig" (
    "queueId" TEXT NOT NULL,
    "configId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "QueueScoreConfig_pkey" PRIMARY KEY ("queueId","configId")
);

-- CreateTable
CREATE TABLE "Score" (
    "id" TEXT NOT NULL,
    "trajectoryId" TEXT NOT NULL,
    "reviewId" TEXT,
    "configId" TEXT,
    "step" INTEGER,
    "value" JSONB,
    "comment" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScoreConfig_name_key" ON "ScoreConfig"("name");

-- CreateIndex
CREATE INDEX "QueueScoreConfig_configId_idx" ON "QueueScoreConfig"("configId");

-- CreateIndex
CREATE INDEX "Score_trajectoryId_createdAt_idx" ON "Score"("trajectoryId", "createdAt");

-- CreateIndex
CREATE INDEX "Score_reviewId_idx" ON "Score"("reviewId");

-- CreateIndex
CREATE INDEX "Score_configId_idx" ON "Score"("configId");

-- AddForeignKey
ALTER TABLE "ScoreConfig" ADD CONSTRAINT "ScoreConfig_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueScoreConfig" ADD CONSTRAINT "QueueScoreConfig_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "ReviewQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueScoreConfig" ADD CONSTRAINT "QueueScoreConfig_configId_fkey" FOREIGN KEY ("configId") REFERENCES "ScoreConfig"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_configId_fkey" FOREIGN KEY ("configId") REFERENCES "ScoreConfig"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

