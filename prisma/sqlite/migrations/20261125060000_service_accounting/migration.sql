-- AlterTable
ALTER TABLE "Service" ADD COLUMN "accounting" TEXT NOT NULL DEFAULT '{}';
