-- CreateEnum
CREATE TYPE "ArtifactKind" AS ENUM ('upload', 'export');

-- CreateTable
CREATE TABLE "Artifact" (
    "id" TEXT NOT NULL,
    "kind" "ArtifactKind" NOT NULL,
    "name" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "sha256" TEXT,
    "completedAt" TIMESTAMP(3),
    "datasetId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtifactChunk" (
    "artifactId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ArtifactChunk_pkey" PRIMARY KEY ("artifactId","seq")
);

-- CreateIndex
CREATE INDEX "Artifact_kind_createdAt_idx" ON "Artifact"("kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Artifact_datasetId_name_key" ON "Artifact"("datasetId", "name");

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactChunk" ADD CONSTRAINT "ArtifactChunk_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

