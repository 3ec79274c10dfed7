-- CreateEnum
CREATE TYPE "PreferenceChoice" AS ENUM ('a', 'b', 'tie');

-- CreateTable
CREATE TABLE "Preference" (
    "id" TEXT NOT NULL,
    "aId" TEXT NOT NULL,
    "bId" TEXT NOT NULL,
    "choice" "PreferenceChoice" NOT NULL,
    "reason" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Preference_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Preference_aId_bId_createdAt_idx" ON "Preference"("aId", "bId", "createdAt");

-- CreateIndex
CREATE INDEX "Preference_bId_idx" ON "Preference"("bId");

-- AddForeignKey
ALTER TABLE "Preference" ADD CONSTRAINT "Preference_aId_fkey" FOREIGN KEY ("aId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Preference" ADD CONSTRAINT "Preference_bId_fkey" FOREIGN KEY ("bId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Preference" ADD CONSTRAINT "Preference_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

