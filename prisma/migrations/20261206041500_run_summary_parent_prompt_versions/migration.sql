-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "parentRunId" TEXT,
ADD COLUMN     "parentStep" INTEGER,
ADD COLUMN     "summary" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN     "toolSimulatorPromptVersion" TEXT,
ADD COLUMN     "userSimulatorPromptVersion" TEXT;

-- CreateIndex
CREATE INDEX "Run_parentRunId_parentStep_idx" ON "Run"("parentRunId", "parentStep");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_parentRunId_fkey" FOREIGN KEY ("parentRunId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Move the facts out of Run.config: a run's summary, and a demo step's parent link (a parent since deleted links to none).
UPDATE "Run" SET "summary" = "config"->'summary', "config" = "config" - 'summary'
WHERE jsonb_typeof("config"->'summary') = 'object';

UPDATE "Run" r SET "parentRunId" = p."id", "parentStep" = CASE WHEN jsonb_typeof(r."config"->'demoStep') = 'number' THEN (r."config"->>'demoStep')::int END
FROM "Run" p WHERE p."id" = r."config"->>'demoRunId';

UPDATE "Run" SET "config" = "config" - 'demoRunId' - 'demoStep' WHERE "config" ? 'demoRunId' OR "config" ? 'demoStep';
