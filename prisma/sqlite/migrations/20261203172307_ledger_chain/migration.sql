-- CreateTable
CREATE TABLE "ChainHead" (
    "probeId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "ChainHead_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PrunedSegment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "probeId" INTEGER NOT NULL,
    "firstSeq" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "firstAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "firstPrevHash" TEXT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "prunedAt" DATETIME NOT NULL,
    CONSTRAINT "PrunedSegment_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerRoot" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "root" TEXT NOT NULL,
    "leaves" TEXT NOT NULL,
    "probes" INTEGER NOT NULL,
    "computedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RollupMinute" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "probeId" INTEGER NOT NULL,
    "minuteStart" DATETIME NOT NULL,
    "up" INTEGER NOT NULL DEFAULT 0,
    "degraded" INTEGER NOT NULL DEFAULT 0,
    "down" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "measuredSec" INTEGER NOT NULL DEFAULT 0,
    "latencyN" INTEGER NOT NULL DEFAULT 0,
    "latencySum" REAL NOT NULL DEFAULT 0,
    "latencyMax" INTEGER NOT NULL DEFAULT 0,
    "histogram" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "RollupMinute_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RollupDay" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "probeId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "up" INTEGER NOT NULL DEFAULT 0,
    "degraded" INTEGER NOT NULL DEFAULT 0,
    "down" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "measuredSec" INTEGER NOT NULL DEFAULT 0,
    "latencyN" INTEGER NOT NULL DEFAULT 0,
    "latencySum" REAL NOT NULL DEFAULT 0,
    "latencyMax" INTEGER NOT NULL DEFAULT 0,
    "histogram" TEXT NOT NULL DEFAULT '[]',
    "segments" TEXT NOT NULL DEFAULT '[]',
    "rawPruned" BOOLEAN NOT NULL DEFAULT false,
    "stale" BOOLEAN NOT NULL DEFAULT false,
    "computedAt" DATETIME NOT NULL,
    CONSTRAINT "RollupDay_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Result" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "probeId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "intervalSec" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "latencyMs" INTEGER,
    "httpStatus" INTEGER,
    "errorClass" TEXT,
    "message" TEXT,
    "seq" INTEGER NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "Result_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Results stored before the chain existed get a placeholder place (-id, unique) and are
-- chained in (at, id) order by lib/store/chain-legacy-results.ts right after migrating.
INSERT INTO "new_Result" ("at", "errorClass", "httpStatus", "id", "intervalSec", "latencyMs", "message", "probeId", "state", "seq", "prevHash", "hash") SELECT "at", "errorClass", "httpStatus", "id", "intervalSec", "latencyMs", "message", "probeId", "state", -"id", '', '' FROM "Result";
DROP TABLE "Result";
ALTER TABLE "new_Result" RENAME TO "Result";
CREATE INDEX "Result_at_idx" ON "Result"("at");
CREATE UNIQUE INDEX "Result_probeId_at_key" ON "Result"("probeId", "at");
CREATE UNIQUE INDEX "Result_probeId_seq_key" ON "Result"("probeId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PrunedSegment_probeId_firstSeq_key" ON "PrunedSegment"("probeId", "firstSeq");

-- CreateIndex
CREATE UNIQUE INDEX "RollupMinute_probeId_minuteStart_key" ON "RollupMinute"("probeId", "minuteStart");

-- CreateIndex
CREATE UNIQUE INDEX "RollupDay_probeId_day_key" ON "RollupDay"("probeId", "day");

