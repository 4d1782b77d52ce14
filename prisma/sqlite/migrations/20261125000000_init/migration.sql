-- CreateTable
CREATE TABLE "Service" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "operatorEn" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "homepage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Function" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "serviceId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "critical" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Function_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Location" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Probe" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "serviceId" INTEGER NOT NULL,
    "functionId" INTEGER NOT NULL,
    "locationId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "intervalSec" INTEGER NOT NULL,
    "timeoutMs" INTEGER NOT NULL,
    "confirm" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Probe_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Probe_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "Function" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Probe_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Result" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "probeId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "intervalSec" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "latencyMs" INTEGER,
    "httpStatus" INTEGER,
    "errorClass" TEXT,
    "message" TEXT,
    CONSTRAINT "Result_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RollupHour" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "probeId" INTEGER NOT NULL,
    "hourStart" DATETIME NOT NULL,
    "up" INTEGER NOT NULL DEFAULT 0,
    "degraded" INTEGER NOT NULL DEFAULT 0,
    "down" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "measuredSec" INTEGER NOT NULL DEFAULT 0,
    "latencyN" INTEGER NOT NULL DEFAULT 0,
    "latencySum" REAL NOT NULL DEFAULT 0,
    "latencyMax" INTEGER NOT NULL DEFAULT 0,
    "histogram" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "RollupHour_probeId_fkey" FOREIGN KEY ("probeId") REFERENCES "Probe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FunctionStatus" (
    "functionId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "lastResultAt" DATETIME,
    "lastLatencyMs" INTEGER,
    "lastError" TEXT,
    "streakStart" DATETIME,
    "lastFailureAt" DATETIME,
    "streakCount" INTEGER NOT NULL DEFAULT 0,
    "openOutageId" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FunctionStatus_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "Function" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Outage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "serviceId" INTEGER NOT NULL,
    "functionId" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'MEASURED',
    "startedAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "endedAt" DATETIME,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "errorClass" TEXT,
    "message" TEXT,
    "sources" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Outage_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Outage_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "Function" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "serviceId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "amountKrw" BIGINT NOT NULL,
    "termStart" DATETIME NOT NULL,
    "termEnd" DATETIME NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Seoul',
    "goLiveDeadline" DATETIME,
    "actualStart" DATETIME,
    "definition" TEXT NOT NULL,
    CONSTRAINT "Contract_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Blip" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "functionId" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME NOT NULL,
    "failures" INTEGER NOT NULL,
    "errorClass" TEXT,
    CONSTRAINT "Blip_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "Function" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Service_slug_key" ON "Service"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Function_serviceId_key_key" ON "Function"("serviceId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Location_key_key" ON "Location"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Probe_key_key" ON "Probe"("key");

-- CreateIndex
CREATE INDEX "Result_at_idx" ON "Result"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Result_probeId_at_key" ON "Result"("probeId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "RollupHour_probeId_hourStart_key" ON "RollupHour"("probeId", "hourStart");

-- CreateIndex
CREATE INDEX "Outage_serviceId_startedAt_idx" ON "Outage"("serviceId", "startedAt");

-- CreateIndex
CREATE INDEX "Outage_functionId_startedAt_idx" ON "Outage"("functionId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_key_key" ON "Contract"("key");

-- CreateIndex
CREATE INDEX "Blip_functionId_startedAt_idx" ON "Blip"("functionId", "startedAt");

