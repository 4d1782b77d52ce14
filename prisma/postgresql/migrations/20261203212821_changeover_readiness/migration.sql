-- CreateTable
CREATE TABLE "ReadinessResult" (
    "id" SERIAL NOT NULL,
    "serviceId" INTEGER NOT NULL,
    "probeKey" TEXT NOT NULL,
    "functionKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "intervalSec" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "latencyMs" INTEGER,
    "httpStatus" INTEGER,
    "errorClass" TEXT,
    "message" TEXT,

    CONSTRAINT "ReadinessResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReadinessResult_serviceId_functionKey_at_idx" ON "ReadinessResult"("serviceId", "functionKey", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ReadinessResult_probeKey_at_key" ON "ReadinessResult"("probeKey", "at");

-- AddForeignKey
ALTER TABLE "ReadinessResult" ADD CONSTRAINT "ReadinessResult_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

