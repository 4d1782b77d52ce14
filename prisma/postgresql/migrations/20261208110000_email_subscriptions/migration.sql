-- CreateTable
CREATE TABLE "EmailSubscription" (
    "id" SERIAL NOT NULL,
    "serviceId" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "confirmHash" TEXT NOT NULL,
    "unsubscribeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "EmailSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmailSubscription_confirmHash_key" ON "EmailSubscription"("confirmHash");

-- CreateIndex
CREATE UNIQUE INDEX "EmailSubscription_unsubscribeHash_key" ON "EmailSubscription"("unsubscribeHash");

-- CreateIndex
CREATE INDEX "EmailSubscription_serviceId_confirmedAt_idx" ON "EmailSubscription"("serviceId", "confirmedAt");

-- CreateIndex
CREATE INDEX "EmailSubscription_expiresAt_idx" ON "EmailSubscription"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailSubscription_serviceId_email_key" ON "EmailSubscription"("serviceId", "email");

-- AddForeignKey
ALTER TABLE "EmailSubscription" ADD CONSTRAINT "EmailSubscription_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

