-- AlterTable
ALTER TABLE "Result" ADD COLUMN     "detail" TEXT;

-- CreateTable
CREATE TABLE "Evidence" (
    "hash" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "ResultEvidence" (
    "resultId" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step" TEXT,

    CONSTRAINT "ResultEvidence_pkey" PRIMARY KEY ("resultId","kind","hash")
);

-- CreateIndex
CREATE INDEX "ResultEvidence_hash_idx" ON "ResultEvidence"("hash");

-- AddForeignKey
ALTER TABLE "ResultEvidence" ADD CONSTRAINT "ResultEvidence_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "Result"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultEvidence" ADD CONSTRAINT "ResultEvidence_hash_fkey" FOREIGN KEY ("hash") REFERENCES "Evidence"("hash") ON DELETE RESTRICT ON UPDATE CASCADE;

