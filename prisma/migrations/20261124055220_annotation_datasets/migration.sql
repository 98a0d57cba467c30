-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "externalCreator" JSONB;

-- CreateIndex
CREATE INDEX "Annotation_workspaceId_createdAt_id_idx" ON "Annotation"("workspaceId", "createdAt", "id");
