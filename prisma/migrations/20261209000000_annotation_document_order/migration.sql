-- Hand-written: a document's annotations in the order the API lists them (creation time, then id). A page of the
-- annotation list filtered to a document (GET …/annotations?document=…&limit=50) found the document's rows through
-- ("workspaceId", "documentId", "deletedAt"), read each one's author, claims, document, version and reply count,
-- and only then sorted them and kept 50: its cost grew with the document's annotations (48 ms of database CPU a
-- page at 4 000). In this order the scan stops after the page. It replaces the old index, which it serves as well
-- (live annotations of a document: the same two leading columns, "deletedAt" IS NULL checked per row).
DROP INDEX IF EXISTS "Annotation_workspaceId_documentId_deletedAt_idx";
CREATE INDEX "Annotation_workspaceId_documentId_createdAt_id_idx" ON "Annotation"("workspaceId", "documentId", "createdAt", "id");
