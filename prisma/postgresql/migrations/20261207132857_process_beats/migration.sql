-- CreateTable
CREATE TABLE "ProcessBeat" (
    "role" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "staleAlertedAt" TIMESTAMP(3),

    CONSTRAINT "ProcessBeat_pkey" PRIMARY KEY ("role")
);

