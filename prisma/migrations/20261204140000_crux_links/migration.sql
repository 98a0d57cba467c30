-- CreateTable
CREATE TABLE "CruxLink" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "cruxClaimId" TEXT NOT NULL,
    "forClaimId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CruxLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CruxConditional" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ifTrue" DOUBLE PRECISION NOT NULL,
    "ifFalse" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CruxConditional_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CruxConditionalRevision" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conditionalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ifTrue" DOUBLE PRECISION NOT NULL,
    "ifFalse" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CruxConditionalRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CruxLink_workspaceId_forClaimId_idx" ON "CruxLink"("workspaceId", "forClaimId");

-- CreateIndex
CREATE UNIQUE INDEX "CruxLink_workspaceId_cruxClaimId_forClaimId_key" ON "CruxLink"("workspaceId", "cruxClaimId", "forClaimId");

-- CreateIndex
CREATE INDEX "CruxConditional_workspaceId_linkId_idx" ON "CruxConditional"("workspaceId", "linkId");

-- CreateIndex
CREATE UNIQUE INDEX "CruxConditional_linkId_userId_key" ON "CruxConditional"("linkId", "userId");

-- CreateIndex
CREATE INDEX "CruxConditionalRevision_workspaceId_conditionalId_createdAt_idx" ON "CruxConditionalRevision"("workspaceId", "conditionalId", "createdAt");

-- AddForeignKey
ALTER TABLE "CruxLink" ADD CONSTRAINT "CruxLink_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxLink" ADD CONSTRAINT "CruxLink_cruxClaimId_fkey" FOREIGN KEY ("cruxClaimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxLink" ADD CONSTRAINT "CruxLink_forClaimId_fkey" FOREIGN KEY ("forClaimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxConditional" ADD CONSTRAINT "CruxConditional_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxConditional" ADD CONSTRAINT "CruxConditional_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "CruxLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxConditional" ADD CONSTRAINT "CruxConditional_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxConditionalRevision" ADD CONSTRAINT "CruxConditionalRevision_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxConditionalRevision" ADD CONSTRAINT "CruxConditionalRevision_conditionalId_fkey" FOREIGN KEY ("conditionalId") REFERENCES "CruxConditional"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxConditionalRevision" ADD CONSTRAINT "CruxConditionalRevision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: rules the Prisma schema language cannot express, and the backfill.
ALTER TABLE "CruxConditional" ADD CONSTRAINT "CruxConditional_values_check" CHECK ("ifTrue" BETWEEN 0 AND 1 AND "ifFalse" BETWEEN 0 AND 1);
ALTER TABLE "CruxConditionalRevision" ADD CONSTRAINT "CruxConditionalRevision_values_check" CHECK ("ifTrue" BETWEEN 0 AND 1 AND "ifFalse" BETWEEN 0 AND 1);
ALTER TABLE "CruxLink" ADD CONSTRAINT "CruxLink_distinct_check" CHECK ("cruxClaimId" <> "forClaimId");

-- The history of conditionals is append-only, like the history of credences (deletes only by cascade).
CREATE TRIGGER "CruxConditionalRevision_append_only"
  BEFORE UPDATE ON "CruxConditionalRevision"
  FOR EACH ROW EXECUTE FUNCTION "reject_append_only_change"();

-- One link per (K, C) already marked by a live crux annotation, dated by its first mark.
INSERT INTO "CruxLink" ("id", "workspaceId", "cruxClaimId", "forClaimId", "createdAt")
SELECT 'link' || md5(a."workspaceId" || ':' || a."claimId" || ':' || a."forClaimId"), a."workspaceId", a."claimId", a."forClaimId", min(a."createdAt")
  FROM "Annotation" a
 WHERE a.kind = 'crux' AND a."deletedAt" IS NULL AND a."claimId" IS NOT NULL AND a."forClaimId" IS NOT NULL
   AND a."claimId" <> a."forClaimId"
 GROUP BY a."workspaceId", a."claimId", a."forClaimId";
