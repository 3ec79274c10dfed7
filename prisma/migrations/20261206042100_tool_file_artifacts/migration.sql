-- AlterEnum
ALTER TYPE "ArtifactKind" ADD VALUE 'toolFile';
