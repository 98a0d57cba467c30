-- CreateIndex
CREATE INDEX "Annotation_claimId_idx" ON "Annotation"("claimId");

-- CreateIndex
CREATE INDEX "Annotation_forClaimId_idx" ON "Annotation"("forClaimId");

-- CreateIndex
CREATE INDEX "Reply_annotationId_idx" ON "Reply"("annotationId");
