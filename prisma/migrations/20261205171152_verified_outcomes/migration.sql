-- CreateEnum
CREATE TYPE "Blame" AS ENUM ('agent', 'user_simulator', 'tool_simulator', 'task', 'infrastructure');

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "blueprint" JSONB,
ADD COLUMN     "world" JSONB;

-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN     "blame" "Blame",
ADD COLUMN     "world" JSONB;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "worldPatch" JSONB;

-- AlterTable
ALTER TABLE "Judgement" ADD COLUMN     "blame" "Blame",
ADD COLUMN     "blameReasons" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "state" JSONB;

-- CreateIndex
CREATE INDEX "Trajectory_blame_idx" ON "Trajectory"("blame");

