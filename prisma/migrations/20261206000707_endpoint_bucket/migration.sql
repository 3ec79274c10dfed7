-- CreateTable
CREATE TABLE "EndpointBucket" (
    "id" TEXT NOT NULL,
    "requests" DOUBLE PRECISION,
    "tokens" DOUBLE PRECISION,
    "refilledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndpointBucket_pkey" PRIMARY KEY ("id")
);

