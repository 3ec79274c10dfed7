-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "reviewFlag" TEXT;
