-- AlterTable
ALTER TABLE "Result" ADD COLUMN "agentBatchId" INTEGER;

-- AlterTable
ALTER TABLE "Outage" ADD COLUMN "unmeasured" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Outage" ADD COLUMN "measuredUntil" DATETIME;

-- CreateTable
CREATE TABLE "Agent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "publicKey" TEXT NOT NULL,
    "maxClockSkewMs" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Agent_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgentBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "agentId" INTEGER NOT NULL,
    "batchId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "skewMs" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "resultCount" INTEGER NOT NULL,
    "storedCount" INTEGER NOT NULL,
    "signature" TEXT NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    CONSTRAINT "AgentBatch_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProbeStatus" (
    "probeId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "firstResultAt" DATETIME NOT NULL,
    "lastResultAt" DATETIME NOT NULL,
    "lastIntervalSec" INTEGER NOT NULL,
    "lastState" TEXT NOT NULL,
    "lastLatencyMs" INTEGER,
    "lastError" TEXT,
    "streakStart" DATETIME,
    "streakCount" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" DATETIME,
    "streakErrorClass" TEXT,
    "streakMessage" TEXT,
    "outageStart" DATETIME,
    "outageConfirmedAt" DATETIME,
    "outageFailures" INTEGER NOT NULL DEFAULT 0,
    "outageErrorClass" TEXT,
    "outageMessage" TEXT,
    "unknownStart" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProbeStatus_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LocationSpan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "probeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "end" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "errorClass" TEXT,
    "message" TEXT,
    CONSTRAINT "LocationSpan_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Carry each function's live streak over to its probe. Until now a function had exactly
-- one probe, so the function's streak and open outage were that probe's.
INSERT INTO "ProbeStatus" (
    "probeId", "state", "since", "firstResultAt", "lastResultAt", "lastIntervalSec", "lastState",
    "lastLatencyMs", "lastError", "streakStart", "streakCount", "lastFailureAt",
    "outageStart", "outageConfirmedAt", "outageFailures", "outageErrorClass", "outageMessage",
    "unknownStart", "updatedAt")
SELECT p."id", fs."state", fs."since",
       (SELECT MIN(r."at") FROM "Result" r WHERE r."probeId" = p."id"),
       fs."lastResultAt", p."intervalSec",
       COALESCE((SELECT r."state" FROM "Result" r WHERE r."probeId" = p."id" AND r."at" = fs."lastResultAt"), 'UP'),
       fs."lastLatencyMs", fs."lastError", fs."streakStart", fs."streakCount", fs."lastFailureAt",
       o."startedAt", o."confirmedAt", COALESCE(o."failures", 0), o."errorClass", o."message",
       CASE WHEN (SELECT r."state" FROM "Result" r WHERE r."probeId" = p."id" AND r."at" = fs."lastResultAt") = 'UNKNOWN' THEN fs."lastResultAt" ELSE NULL END,
       fs."updatedAt"
FROM "FunctionStatus" fs
JOIN "Probe" p ON p."functionId" = fs."functionId" AND p."active" = true
LEFT JOIN "Outage" o ON o."id" = fs."openOutageId"
WHERE fs."lastResultAt" IS NOT NULL
  AND p."id" = (SELECT MIN(p2."id") FROM "Probe" p2 WHERE p2."functionId" = fs."functionId" AND p2."active" = true)
  AND EXISTS (SELECT 1 FROM "Result" r WHERE r."probeId" = p."id");

-- And each closed measured outage as its probe's DOWN span, so live outages rebuilt
-- across them (core/accounting/function-outages.ts) find them.
INSERT INTO "LocationSpan" ("probeId", "kind", "start", "end", "confirmedAt", "failures", "errorClass", "message")
SELECT (SELECT MIN(p."id") FROM "Probe" p WHERE p."functionId" = o."functionId" AND p."active" = true),
       'DOWN', o."startedAt", o."endedAt", o."confirmedAt", o."failures", o."errorClass", o."message"
FROM "Outage" o
WHERE o."source" = 'MEASURED' AND o."endedAt" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "Probe" p WHERE p."functionId" = o."functionId" AND p."active" = true);

-- A function's live state is now combined from its locations' (ProbeStatus) when read.
DROP TABLE "FunctionStatus";

-- CreateIndex
CREATE UNIQUE INDEX "Agent_key_key" ON "Agent"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_publicKey_key" ON "Agent"("publicKey");

-- CreateIndex
CREATE INDEX "AgentBatch_agentId_seq_idx" ON "AgentBatch"("agentId", "seq");

-- CreateIndex
CREATE INDEX "AgentBatch_status_receivedAt_idx" ON "AgentBatch"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AgentBatch_agentId_batchId_key" ON "AgentBatch"("agentId", "batchId");

-- CreateIndex
CREATE INDEX "LocationSpan_probeId_end_idx" ON "LocationSpan"("probeId", "end");
