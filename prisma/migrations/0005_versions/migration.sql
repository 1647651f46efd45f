-- AlterTable
ALTER TABLE "snapshot" ADD COLUMN     "baseId" TEXT,
ADD COLUMN     "contributors" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "encoding" TEXT NOT NULL DEFAULT 'state',
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'auto',
ADD COLUMN     "sizeBytes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "summary" JSONB NOT NULL DEFAULT '{"added": 0, "removed": 0, "changed": 0}';

-- CreateIndex
CREATE INDEX "snapshot_baseId_idx" ON "snapshot"("baseId");

-- AddForeignKey
ALTER TABLE "snapshot" ADD CONSTRAINT "snapshot_baseId_fkey" FOREIGN KEY ("baseId") REFERENCES "snapshot"("id") ON DELETE NO ACTION ON UPDATE CASCADE;


-- Snapshots written before versions were: whole states, each of a publish (publishing was their only
-- writer, and a re-publish moves the publication on), so all of them are published versions, kept.
UPDATE "snapshot" SET "sizeBytes" = octet_length("state");
UPDATE "snapshot" SET "kind" = 'published';
