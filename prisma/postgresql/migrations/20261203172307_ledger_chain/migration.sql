-- AlterTable
-- Results stored before the chain existed get a placeholder place (-id, unique) and are
-- chained in (at, id) order by lib/store/chain-legacy-results.ts right after migrating.
ALTER TABLE "Result" ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "prevHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "seq" INTEGER NOT NULL DEFAULT 0;
UPDATE "Result" SET "seq" = -"id";
ALTER TABLE "Result" ALTER COLUMN "hash" DROP DEFAULT, ALTER COLUMN "prevHash" DROP DEFAULT, ALTER COLUMN "seq" DROP DEFAULT;

-- CreateTable
CREATE TABLE "ChainHead" (
    "probeId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "ChainHead_pkey" PRIMARY KEY ("probeId")
);

-- CreateTable
CREATE TABLE "PrunedSegment" (
    "id" SERIAL NOT NULL,
    "probeId" INTEGER NOT NULL,
    "firstSeq" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "firstPrevHash" TEXT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "prunedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrunedSegment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerRoot" (
    "day" TEXT NOT NULL,
    "root" TEXT NOT NULL,
    "leaves" TEXT NOT NULL,
    "probes" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerRoot_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "RollupMinute" (
    "id" SERIAL NOT NULL,
    "probeId" INTEGER NOT NULL,
    "minuteStart" TIMESTAMP(3) NOT NULL,
    "up" INTEGER NOT NULL DEFAULT 0,
    "degraded" INTEGER NOT NULL DEFAULT 0,
    "down" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "measuredSec" INTEGER NOT NULL DEFAULT 0,
    "latencyN" INTEGER NOT NULL DEFAULT 0,
    "latencySum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyMax" INTEGER NOT NULL DEFAULT 0,
    "histogram" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "RollupMinute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RollupDay" (
    "id" SERIAL NOT NULL,
    "probeId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "up" INTEGER NOT NULL DEFAULT 0,
    "degraded" INTEGER NOT NULL DEFAULT 0,
    "down" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "measuredSec" INTEGER NOT NULL DEFAULT 0,
    "latencyN" INTEGER NOT NULL DEFAULT 0,
    "latencySum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyMax" INTEGER NOT NULL DEFAULT 0,
    "histogram" TEXT NOT NULL DEFAULT '[]',
    "segments" TEXT NOT NULL DEFAULT '[]',
    "rawPruned" BOOLEAN NOT NULL DEFAULT false,
    "stale" BOOLEAN NOT NULL DEFAULT false,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RollupDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PrunedSegment_probeId_firstSeq_key" ON "PrunedSegment"("probeId", "firstSeq");

-- CreateIndex
CREATE UNIQUE INDEX "RollupMinute_probeId_minuteStart_key" ON "RollupMinute"("probeId", "minuteStart");

-- CreateIndex
CREATE UNIQUE INDEX "RollupDay_probeId_day_key" ON "RollupDay"("probeId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Result_probeId_seq_key" ON "Result"("probeId", "seq");

-- AddForeignKey
ALTER TABLE "ChainHead" ADD CONSTRAINT "ChainHead_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrunedSegment" ADD CONSTRAINT "PrunedSegment_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RollupMinute" ADD CONSTRAINT "RollupMinute_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RollupDay" ADD CONSTRAINT "RollupDay_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;

