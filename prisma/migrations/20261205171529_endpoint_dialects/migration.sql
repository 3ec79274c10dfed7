-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "rawContent" TEXT;

-- AlterTable
ALTER TABLE "LlmCall" ADD COLUMN     "usageEstimated" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "EndpointCapability" (
    "id" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "structuredOutput" TEXT,
    "refusedParams" TEXT[],
    "probedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndpointCapability_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EndpointCapability_baseUrl_model_key" ON "EndpointCapability"("baseUrl", "model");

