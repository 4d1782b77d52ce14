-- AlterTable
ALTER TABLE "Outage" ADD COLUMN     "measuredUntil" TIMESTAMP(3),
ADD COLUMN     "unmeasured" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Result" ADD COLUMN     "agentBatchId" INTEGER;

-- CreateTable
CREATE TABLE "Agent" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "locationId" INTEGER NOT NULL,
    "publicKey" TEXT NOT NULL,
    "maxClockSkewMs" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentBatch" (
    "id" SERIAL NOT NULL,
    "agentId" INTEGER NOT NULL,
    "batchId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "skewMs" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "resultCount" INTEGER NOT NULL,
    "storedCount" INTEGER NOT NULL,
    "signature" TEXT NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "payload" TEXT NOT NULL,

    CONSTRAINT "AgentBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeStatus" (
    "probeId" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "firstResultAt" TIMESTAMP(3) NOT NULL,
    "lastResultAt" TIMESTAMP(3) NOT NULL,
    "lastIntervalSec" INTEGER NOT NULL,
    "lastState" TEXT NOT NULL,
    "lastLatencyMs" INTEGER,
    "lastError" TEXT,
    "streakStart" TIMESTAMP(3),
    "streakCount" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" TIMESTAMP(3),
    "streakErrorClass" TEXT,
    "streakMessage" TEXT,
    "outageStart" TIMESTAMP(3),
    "outageConfirmedAt" TIMESTAMP(3),
    "outageFailures" INTEGER NOT NULL DEFAULT 0,
    "outageErrorClass" TEXT,
    "outageMessage" TEXT,
    "unknownStart" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProbeStatus_pkey" PRIMARY KEY ("probeId")
);

-- CreateTable
CREATE TABLE "LocationSpan" (
    "id" SERIAL NOT NULL,
    "probeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "errorClass" TEXT,
    "message" TEXT,

    CONSTRAINT "LocationSpan_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentBatch" ADD CONSTRAINT "AgentBatch_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProbeStatus" ADD CONSTRAINT "ProbeStatus_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocationSpan" ADD CONSTRAINT "LocationSpan_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;

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
ALTER TABLE "FunctionStatus" DROP CONSTRAINT "FunctionStatus_functionId_fkey";
DROP TABLE "FunctionStatus";
