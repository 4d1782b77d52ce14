-- CreateTable
CREATE TABLE "EmailSubscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "serviceId" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "confirmHash" TEXT NOT NULL,
    "unsubscribeHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "expiresAt" DATETIME,
    CONSTRAINT "EmailSubscription_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

