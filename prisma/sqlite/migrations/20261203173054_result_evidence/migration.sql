-- AlterTable
ALTER TABLE "Result" ADD COLUMN "detail" TEXT;

-- CreateTable
CREATE TABLE "Evidence" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ResultEvidence" (
    "resultId" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step" TEXT,

    PRIMARY KEY ("resultId", "kind", "hash"),
    CONSTRAINT "ResultEvidence_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "Result" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResultEvidence_hash_fkey" FOREIGN KEY ("hash") REFERENCES "Evidence" ("hash") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ResultEvidence_hash_idx" ON "ResultEvidence"("hash");

