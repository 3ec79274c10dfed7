-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "budgetTokens" INTEGER,
ADD COLUMN     "budgetUsd" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "LlmCall_createdAt_idx" ON "LlmCall"("createdAt");

