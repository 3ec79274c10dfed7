-- CreateTable
CREATE TABLE "EndpointLimit" (
    "id" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "configuredLimit" INTEGER NOT NULL,
    "currentLimit" DOUBLE PRECISION NOT NULL,
    "baselineLatencyMs" DOUBLE PRECISION,
    "lastDecreaseAt" TIMESTAMP(3),
    "requests" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "rateLimited" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "serverErrors" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "countedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndpointLimit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndpointLease" (
    "endpointId" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "slots" INTEGER NOT NULL,
    "demand" INTEGER NOT NULL,
    "configured" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndpointLease_pkey" PRIMARY KEY ("endpointId","holder")
);

-- AddForeignKey
ALTER TABLE "EndpointLease" ADD CONSTRAINT "EndpointLease_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "EndpointLimit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

