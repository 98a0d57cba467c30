-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "mergedAt" TIMESTAMP(3),
ADD COLUMN     "mergedById" TEXT,
ADD COLUMN     "mergedIntoId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ClaimRevision" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "editedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimMerge" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "mergedById" TEXT,
    "mergedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneById" TEXT,
    "undo" JSONB NOT NULL,

    CONSTRAINT "ClaimMerge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClaimRevision_workspaceId_claimId_createdAt_idx" ON "ClaimRevision"("workspaceId", "claimId", "createdAt");

-- CreateIndex
CREATE INDEX "ClaimMerge_workspaceId_sourceId_idx" ON "ClaimMerge"("workspaceId", "sourceId");

-- CreateIndex
CREATE INDEX "ClaimMerge_targetId_idx" ON "ClaimMerge"("targetId");

-- CreateIndex
CREATE INDEX "Claim_mergedIntoId_idx" ON "Claim"("mergedIntoId");

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimRevision" ADD CONSTRAINT "ClaimRevision_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimRevision" ADD CONSTRAINT "ClaimRevision_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimMerge" ADD CONSTRAINT "ClaimMerge_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimMerge" ADD CONSTRAINT "ClaimMerge_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimMerge" ADD CONSTRAINT "ClaimMerge_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the history of credences stays append-only, except that merging (or unmerging) claims may re-point
-- revisions to another claim and credence row — never change a value, a reviewer or a time. The merge says so in
-- its own transaction: SELECT set_config('cruxmap.claim_merge', 'on', true) (lib/claims/merge-mutations.ts).
CREATE FUNCTION "credence_revision_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('cruxmap.claim_merge', true) = 'on'
     AND NEW.id = OLD.id AND NEW."workspaceId" = OLD."workspaceId" AND NEW."userId" = OLD."userId"
     AND NEW.value = OLD.value AND NEW."createdAt" = OLD."createdAt" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER "CredenceRevision_append_only" ON "CredenceRevision";
CREATE TRIGGER "CredenceRevision_append_only"
  BEFORE UPDATE ON "CredenceRevision"
  FOR EACH ROW EXECUTE FUNCTION "credence_revision_append_only"();
