-- CreateTable
CREATE TABLE "CitizenReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "serviceId" INTEGER NOT NULL,
    "functionKey" TEXT NOT NULL,
    "district" TEXT,
    "at" DATETIME NOT NULL,
    "client" TEXT NOT NULL,
    "proof" BOOLEAN NOT NULL,
    CONSTRAINT "CitizenReport_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CitizenReportCount" (
    "serviceId" INTEGER NOT NULL,
    "functionKey" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("serviceId", "functionKey", "district", "bucketStart"),
    CONSTRAINT "CitizenReportCount_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportSurge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "serviceId" INTEGER NOT NULL,
    "functionKey" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "peakCount" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "median" INTEGER NOT NULL,
    "incidentId" INTEGER,
    CONSTRAINT "ReportSurge_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CitizenReport_serviceId_at_idx" ON "CitizenReport"("serviceId", "at");

-- CreateIndex
CREATE INDEX "CitizenReport_at_idx" ON "CitizenReport"("at");

-- CreateIndex
CREATE INDEX "CitizenReportCount_bucketStart_idx" ON "CitizenReportCount"("bucketStart");

-- CreateIndex
CREATE INDEX "ReportSurge_serviceId_functionKey_endedAt_idx" ON "ReportSurge"("serviceId", "functionKey", "endedAt");

