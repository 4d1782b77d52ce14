-- CreateTable
CREATE TABLE "ProcessBeat" (
    "role" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "staleAlertedAt" DATETIME
);

