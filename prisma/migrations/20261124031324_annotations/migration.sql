-- DropForeignKey
ALTER TABLE "Annotation" DROP CONSTRAINT "Annotation_cruxClaimId_fkey";

-- DropIndex
DROP INDEX "Annotation_workspaceId_documentId_idx";

-- AlterTable
ALTER TABLE "Annotation" DROP COLUMN "cruxClaimId",
ADD COLUMN     "deletedById" TEXT,
ADD COLUMN     "forClaimId" TEXT,
ADD COLUMN     "hiddenAt" TIMESTAMP(3),
ADD COLUMN     "hiddenById" TEXT,
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedById" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "deletedById" TEXT,
ADD COLUMN     "hiddenAt" TIMESTAMP(3),
ADD COLUMN     "hiddenById" TEXT,
ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "Annotation_workspaceId_documentId_deletedAt_idx" ON "Annotation"("workspaceId", "documentId", "deletedAt");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_forClaimId_fkey" FOREIGN KEY ("forClaimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Reply"("id") ON DELETE CASCADE ON UPDATE CASCADE;
