-- CreateTable
CREATE TABLE "publication" (
    "id" TEXT NOT NULL,
    "timelineId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publishedById" TEXT,
    "unpublishedAt" TIMESTAMP(3),

    CONSTRAINT "publication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "publication_timelineId_key" ON "publication"("timelineId");

-- CreateIndex
CREATE UNIQUE INDEX "publication_slug_key" ON "publication"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "publication_snapshotId_key" ON "publication"("snapshotId");

-- AddForeignKey
ALTER TABLE "publication" ADD CONSTRAINT "publication_timelineId_fkey" FOREIGN KEY ("timelineId") REFERENCES "timeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication" ADD CONSTRAINT "publication_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "snapshot"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication" ADD CONSTRAINT "publication_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

