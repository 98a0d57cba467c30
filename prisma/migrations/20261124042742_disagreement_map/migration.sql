-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "blind" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Round" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedById" TEXT,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Round_workspaceId_idx" ON "Round"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Round_documentId_number_key" ON "Round"("documentId", "number");

-- CreateIndex
CREATE INDEX "Passage_versionId_start_idx" ON "Passage"("versionId", "start");

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
