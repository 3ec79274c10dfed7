-- AlterTable
ALTER TABLE "LlmCall" ADD COLUMN     "batch" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "LlmBatch" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "role" "LlmRole" NOT NULL,
    "endpoint" TEXT NOT NULL,
    "customIds" TEXT[],
    "status" TEXT NOT NULL,
    "outputFileId" TEXT,
    "errorFileId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LlmBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LlmBatch_runId_idx" ON "LlmBatch"("runId");

-- AddForeignKey
ALTER TABLE "LlmBatch" ADD CONSTRAINT "LlmBatch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

