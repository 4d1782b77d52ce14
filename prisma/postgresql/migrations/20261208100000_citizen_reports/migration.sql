-- CreateTable
CREATE TABLE "CitizenReport" (
    "id" SERIAL NOT NULL,
    "serviceId" INTEGER NOT NULL,
    "functionKey" TEXT NOT NULL,
    "district" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "client" TEXT NOT NULL,
    "proof" BOOLEAN NOT NULL,

    CONSTRAINT "CitizenReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CitizenReportCount" (
    "serviceId" INTEGER NOT NULL,
    "functionKey" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CitizenReportCount_pkey" PRIMARY KEY ("serviceId","functionKey","district","bucketStart")
);

-- CreateTable
CREATE TABLE "ReportSurge" (
    "id" SERIAL NOT NULL,
    "serviceId" INTEGER NOT NULL,
    "functionKey" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "peakCount" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "median" INTEGER NOT NULL,
    "incidentId" INTEGER,

    CONSTRAINT "ReportSurge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CitizenReport_serviceId_at_idx" ON "CitizenReport"("serviceId", "at");

-- CreateIndex
CREATE INDEX "CitizenReport_at_idx" ON "CitizenReport"("at");

-- CreateIndex
CREATE INDEX "CitizenReportCount_bucketStart_idx" ON "CitizenReportCount"("bucketStart");

-- CreateIndex
CREATE INDEX "ReportSurge_serviceId_functionKey_endedAt_idx" ON "ReportSurge"("serviceId", "functionKey", "endedAt");

-- AddForeignKey
ALTER TABLE "CitizenReport" ADD CONSTRAINT "CitizenReport_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CitizenReportCount" ADD CONSTRAINT "CitizenReportCount_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSurge" ADD CONSTRAINT "ReportSurge_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

