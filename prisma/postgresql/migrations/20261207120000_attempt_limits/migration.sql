-- CreateTable
CREATE TABLE "AttemptLimit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "AttemptLimit_pkey" PRIMARY KEY ("key")
);
