-- Ready to shard by workspace (issue 19 item 5): every workspace-owned table's primary key and unique constraints
-- lead with "workspaceId", and every foreign key between two such tables includes it, so that a distributed
-- PostgreSQL (Citus, prisma/citus/distribute.sql) can place each workspace's rows on one node and enforce the
-- keys there. Ids are kept (cuids stay unique on their own); no row changes. Written by `cruxmap db new-migration`
-- from prisma/schema.prisma, with the trigger functions (the end of this file) by hand.
-- Optional references between workspace tables (a claim's merge target, an annotation's claim, a document's
-- current version …) are now ON DELETE NO ACTION: SET NULL would null "workspaceId" too; these rows are never
-- deleted one by one (soft deletes), only with their workspace, whose cascade removes both sides in one statement.

-- DropForeignKey
ALTER TABLE "Annotation" DROP CONSTRAINT "Annotation_anchoredVersionId_fkey";

-- DropForeignKey
ALTER TABLE "Annotation" DROP CONSTRAINT "Annotation_claimId_fkey";

-- DropForeignKey
ALTER TABLE "Annotation" DROP CONSTRAINT "Annotation_documentId_fkey";

-- DropForeignKey
ALTER TABLE "Annotation" DROP CONSTRAINT "Annotation_forClaimId_fkey";

-- DropForeignKey
ALTER TABLE "Annotation" DROP CONSTRAINT "Annotation_versionId_fkey";

-- DropForeignKey
ALTER TABLE "Assignment" DROP CONSTRAINT "Assignment_documentId_fkey";

-- DropForeignKey
ALTER TABLE "Claim" DROP CONSTRAINT "Claim_mergedIntoId_fkey";

-- DropForeignKey
ALTER TABLE "ClaimMerge" DROP CONSTRAINT "ClaimMerge_sourceId_fkey";

-- DropForeignKey
ALTER TABLE "ClaimMerge" DROP CONSTRAINT "ClaimMerge_targetId_fkey";

-- DropForeignKey
ALTER TABLE "ClaimRevision" DROP CONSTRAINT "ClaimRevision_claimId_fkey";

-- DropForeignKey
ALTER TABLE "Credence" DROP CONSTRAINT "Credence_annotationId_fkey";

-- DropForeignKey
ALTER TABLE "Credence" DROP CONSTRAINT "Credence_claimId_fkey";

-- DropForeignKey
ALTER TABLE "CredenceRevision" DROP CONSTRAINT "CredenceRevision_claimId_fkey";

-- DropForeignKey
ALTER TABLE "CredenceRevision" DROP CONSTRAINT "CredenceRevision_credenceId_fkey";

-- DropForeignKey
ALTER TABLE "CruxConditional" DROP CONSTRAINT "CruxConditional_linkId_fkey";

-- DropForeignKey
ALTER TABLE "CruxConditionalRevision" DROP CONSTRAINT "CruxConditionalRevision_conditionalId_fkey";

-- DropForeignKey
ALTER TABLE "CruxLink" DROP CONSTRAINT "CruxLink_cruxClaimId_fkey";

-- DropForeignKey
ALTER TABLE "CruxLink" DROP CONSTRAINT "CruxLink_forClaimId_fkey";

-- DropForeignKey
ALTER TABLE "Document" DROP CONSTRAINT "Document_currentVersionId_fkey";

-- DropForeignKey
ALTER TABLE "DocumentVersion" DROP CONSTRAINT "DocumentVersion_documentId_fkey";

-- DropForeignKey
ALTER TABLE "DocumentVisit" DROP CONSTRAINT "DocumentVisit_documentId_fkey";

-- DropForeignKey
ALTER TABLE "Passage" DROP CONSTRAINT "Passage_versionId_fkey";

-- DropForeignKey
ALTER TABLE "Presence" DROP CONSTRAINT "Presence_documentId_fkey";

-- DropForeignKey
ALTER TABLE "QueueSkip" DROP CONSTRAINT "QueueSkip_claimId_fkey";

-- DropForeignKey
ALTER TABLE "Reply" DROP CONSTRAINT "Reply_annotationId_fkey";

-- DropForeignKey
ALTER TABLE "Reply" DROP CONSTRAINT "Reply_parentId_fkey";

-- DropForeignKey
ALTER TABLE "Round" DROP CONSTRAINT "Round_documentId_fkey";

-- DropIndex
DROP INDEX "Assignment_documentId_userId_key";

-- DropIndex
DROP INDEX "Credence_claimId_userId_key";

-- DropIndex
DROP INDEX "CruxConditional_linkId_userId_key";

-- DropIndex
DROP INDEX "Document_currentVersionId_key";

-- DropIndex
DROP INDEX "DocumentVersion_documentId_number_key";

-- DropIndex
DROP INDEX "Passage_versionId_index_key";

-- DropIndex
DROP INDEX "Round_documentId_number_key";

-- AlterTable
ALTER TABLE "Annotation" DROP CONSTRAINT "Annotation_pkey",
ADD CONSTRAINT "Annotation_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "Assignment" DROP CONSTRAINT "Assignment_pkey",
ADD CONSTRAINT "Assignment_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "ChangeEvent" DROP CONSTRAINT "ChangeEvent_pkey",
ADD CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "Claim" DROP CONSTRAINT "Claim_pkey",
ADD CONSTRAINT "Claim_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "ClaimMerge" DROP CONSTRAINT "ClaimMerge_pkey",
ADD CONSTRAINT "ClaimMerge_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "ClaimRevision" DROP CONSTRAINT "ClaimRevision_pkey",
ADD CONSTRAINT "ClaimRevision_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "Credence" DROP CONSTRAINT "Credence_pkey",
ADD CONSTRAINT "Credence_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "CredenceRevision" DROP CONSTRAINT "CredenceRevision_pkey",
ADD CONSTRAINT "CredenceRevision_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "CruxConditional" DROP CONSTRAINT "CruxConditional_pkey",
ADD CONSTRAINT "CruxConditional_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "CruxConditionalRevision" DROP CONSTRAINT "CruxConditionalRevision_pkey",
ADD CONSTRAINT "CruxConditionalRevision_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "CruxLink" DROP CONSTRAINT "CruxLink_pkey",
ADD CONSTRAINT "CruxLink_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "Document" DROP CONSTRAINT "Document_pkey",
ADD CONSTRAINT "Document_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "DocumentVersion" DROP CONSTRAINT "DocumentVersion_pkey",
ADD CONSTRAINT "DocumentVersion_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_pkey",
ADD CONSTRAINT "Notification_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "Passage" DROP CONSTRAINT "Passage_pkey",
ADD CONSTRAINT "Passage_pkey" PRIMARY KEY ("workspaceId", "versionId", "id");

-- AlterTable
ALTER TABLE "QueueSkip" DROP CONSTRAINT "QueueSkip_pkey",
ADD CONSTRAINT "QueueSkip_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "Reply" DROP CONSTRAINT "Reply_pkey",
ADD CONSTRAINT "Reply_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "Round" DROP CONSTRAINT "Round_pkey",
ADD CONSTRAINT "Round_pkey" PRIMARY KEY ("workspaceId", "id");

-- AlterTable
ALTER TABLE "SearchEntry" DROP CONSTRAINT "SearchEntry_pkey",
ADD CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("workspaceId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_workspaceId_documentId_userId_key" ON "Assignment"("workspaceId", "documentId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Credence_workspaceId_claimId_userId_key" ON "Credence"("workspaceId", "claimId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CruxConditional_workspaceId_linkId_userId_key" ON "CruxConditional"("workspaceId", "linkId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Document_workspaceId_currentVersionId_key" ON "Document"("workspaceId", "currentVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentVersion_workspaceId_documentId_number_key" ON "DocumentVersion"("workspaceId", "documentId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Passage_workspaceId_versionId_index_key" ON "Passage"("workspaceId", "versionId", "index");

-- CreateIndex
CREATE UNIQUE INDEX "Round_workspaceId_documentId_number_key" ON "Round"("workspaceId", "documentId", "number");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_workspaceId_currentVersionId_fkey" FOREIGN KEY ("workspaceId", "currentVersionId") REFERENCES "DocumentVersion"("workspaceId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentVersion" ADD CONSTRAINT "DocumentVersion_workspaceId_documentId_fkey" FOREIGN KEY ("workspaceId", "documentId") REFERENCES "Document"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Passage" ADD CONSTRAINT "Passage_workspaceId_versionId_fkey" FOREIGN KEY ("workspaceId", "versionId") REFERENCES "DocumentVersion"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_workspaceId_mergedIntoId_fkey" FOREIGN KEY ("workspaceId", "mergedIntoId") REFERENCES "Claim"("workspaceId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimRevision" ADD CONSTRAINT "ClaimRevision_workspaceId_claimId_fkey" FOREIGN KEY ("workspaceId", "claimId") REFERENCES "Claim"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimMerge" ADD CONSTRAINT "ClaimMerge_workspaceId_sourceId_fkey" FOREIGN KEY ("workspaceId", "sourceId") REFERENCES "Claim"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimMerge" ADD CONSTRAINT "ClaimMerge_workspaceId_targetId_fkey" FOREIGN KEY ("workspaceId", "targetId") REFERENCES "Claim"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_workspaceId_documentId_fkey" FOREIGN KEY ("workspaceId", "documentId") REFERENCES "Document"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_workspaceId_versionId_fkey" FOREIGN KEY ("workspaceId", "versionId") REFERENCES "DocumentVersion"("workspaceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_workspaceId_anchoredVersionId_fkey" FOREIGN KEY ("workspaceId", "anchoredVersionId") REFERENCES "DocumentVersion"("workspaceId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_workspaceId_claimId_fkey" FOREIGN KEY ("workspaceId", "claimId") REFERENCES "Claim"("workspaceId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_workspaceId_forClaimId_fkey" FOREIGN KEY ("workspaceId", "forClaimId") REFERENCES "Claim"("workspaceId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credence" ADD CONSTRAINT "Credence_workspaceId_claimId_fkey" FOREIGN KEY ("workspaceId", "claimId") REFERENCES "Claim"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credence" ADD CONSTRAINT "Credence_workspaceId_annotationId_fkey" FOREIGN KEY ("workspaceId", "annotationId") REFERENCES "Annotation"("workspaceId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredenceRevision" ADD CONSTRAINT "CredenceRevision_workspaceId_credenceId_fkey" FOREIGN KEY ("workspaceId", "credenceId") REFERENCES "Credence"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredenceRevision" ADD CONSTRAINT "CredenceRevision_workspaceId_claimId_fkey" FOREIGN KEY ("workspaceId", "claimId") REFERENCES "Claim"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxLink" ADD CONSTRAINT "CruxLink_workspaceId_cruxClaimId_fkey" FOREIGN KEY ("workspaceId", "cruxClaimId") REFERENCES "Claim"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxLink" ADD CONSTRAINT "CruxLink_workspaceId_forClaimId_fkey" FOREIGN KEY ("workspaceId", "forClaimId") REFERENCES "Claim"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxConditional" ADD CONSTRAINT "CruxConditional_workspaceId_linkId_fkey" FOREIGN KEY ("workspaceId", "linkId") REFERENCES "CruxLink"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CruxConditionalRevision" ADD CONSTRAINT "CruxConditionalRevision_workspaceId_conditionalId_fkey" FOREIGN KEY ("workspaceId", "conditionalId") REFERENCES "CruxConditional"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_workspaceId_annotationId_fkey" FOREIGN KEY ("workspaceId", "annotationId") REFERENCES "Annotation"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_workspaceId_parentId_fkey" FOREIGN KEY ("workspaceId", "parentId") REFERENCES "Reply"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_workspaceId_documentId_fkey" FOREIGN KEY ("workspaceId", "documentId") REFERENCES "Document"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_workspaceId_documentId_fkey" FOREIGN KEY ("workspaceId", "documentId") REFERENCES "Document"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueSkip" ADD CONSTRAINT "QueueSkip_workspaceId_claimId_fkey" FOREIGN KEY ("workspaceId", "claimId") REFERENCES "Claim"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentVisit" ADD CONSTRAINT "DocumentVisit_workspaceId_documentId_fkey" FOREIGN KEY ("workspaceId", "documentId") REFERENCES "Document"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_workspaceId_documentId_fkey" FOREIGN KEY ("workspaceId", "documentId") REFERENCES "Document"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- SearchEntry's key is now unique per workspace: the passage trigger's conflict target follows, and it joins the
-- document by workspace too (the new unique index on ("workspaceId", "currentVersionId")).
CREATE OR REPLACE FUNCTION search_on_passage_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'passage:' || p."versionId" || ':' || p.id, p."workspaceId", 'passage', p.id, d.id, p."versionId", p.id, NULL, NULL, NULL,
         p."text", search_tsv(p."text"), d."createdAt"
  FROM new_rows p JOIN "Document" d ON d."workspaceId" = p."workspaceId" AND d."currentVersionId" = p."versionId" AND d."archivedAt" IS NULL
  ON CONFLICT ("workspaceId", "key") DO NOTHING;
  RETURN NULL;
END
$$;

-- The functions that keep search and hidden claim statements in step now take the workspaces of the rows they
-- index beside their ids, and read and write every table by ("workspaceId", id) — its primary key — and
-- SearchEntry by ("workspaceId", "key"): no lookup by an id alone is left in them (on a sharded database each
-- statement stays on the workspace's shard). Same rows written as before. The one-argument versions are dropped.
CREATE FUNCTION search_index_annotations(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."workspaceId" = ANY (ws) AND e."key" = ANY (ARRAY(SELECT 'annotation:' || x FROM unnest(ids) x));
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'annotation:' || a.id, a."workspaceId", 'annotation', a.id, a."documentId", a."anchoredVersionId", p.id, a."claimId", a."kind",
         a."authorId", t.txt, search_tsv(t.txt), a."createdAt"
  FROM "Annotation" a
  JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId" AND d."archivedAt" IS NULL
  CROSS JOIN LATERAL (SELECT concat_ws(E'\n', NULLIF(a."rationaleText", ''), NULLIF(a."exact", '')) AS txt) t
  LEFT JOIN LATERAL (
    SELECT ps.id FROM "Passage" ps
    WHERE ps."workspaceId" = a."workspaceId" AND ps."versionId" = a."anchoredVersionId" AND ps."start" <= a."anchoredStart"
    ORDER BY ps."start" DESC LIMIT 1
  ) p ON true
  WHERE a."workspaceId" = ANY (ws) AND a.id = ANY (ids) AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL;
  -- the annotations' replies carry their annotation's place and kind: indexed again after it (below)
  PERFORM search_index_replies(ws, ARRAY(SELECT r.id FROM "Reply" r WHERE r."workspaceId" = ANY (ws) AND r."annotationId" = ANY (ids)));
END
$$;

CREATE FUNCTION search_index_replies(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."workspaceId" = ANY (ws) AND e."key" = ANY (ARRAY(SELECT 'reply:' || x FROM unnest(ids) x));
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'reply:' || r.id, r."workspaceId", 'reply', r.id, a."documentId", a."versionId", a."passageId", a."claimId", a."kind",
         r."authorId", r."bodyText", search_tsv(r."bodyText"), r."createdAt"
  FROM "Reply" r
  JOIN "SearchEntry" a ON a."workspaceId" = r."workspaceId" AND a."key" = 'annotation:' || r."annotationId"
  WHERE r."workspaceId" = ANY (ws) AND r.id = ANY (ids) AND r."deletedAt" IS NULL AND r."hiddenAt" IS NULL;
END
$$;

CREATE FUNCTION search_index_claims(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."workspaceId" = ANY (ws) AND e."key" = ANY (ARRAY(SELECT 'claim:' || x FROM unnest(ids) x));
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'claim:' || c.id, c."workspaceId", 'claim', c.id, NULL, NULL, NULL, c.id, NULL, c."createdById", c."statement", search_tsv(c."statement"), c."createdAt"
  FROM "Claim" c
  WHERE c."workspaceId" = ANY (ws) AND c.id = ANY (ids) AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL AND NOT c."statementHidden";
END
$$;

CREATE FUNCTION search_index_documents(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."workspaceId" = ANY (ws) AND e."documentId" = ANY (ids);
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'passage:' || p."versionId" || ':' || p.id, p."workspaceId", 'passage', p.id, d.id, p."versionId", p.id, NULL, NULL, NULL,
         p."text", search_tsv(p."text"), d."createdAt"
  FROM "Document" d
  JOIN "Passage" p ON p."workspaceId" = d."workspaceId" AND p."versionId" = d."currentVersionId"
  WHERE d."workspaceId" = ANY (ws) AND d.id = ANY (ids) AND d."archivedAt" IS NULL;
  PERFORM search_index_annotations(ws, ARRAY(SELECT a.id FROM "Annotation" a WHERE a."workspaceId" = ANY (ws) AND a."documentId" = ANY (ids)));
END
$$;

CREATE FUNCTION claim_refresh_statement_hidden(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Claim" c SET "statementHidden" = COALESCE(s.live, false) AND NOT COALESCE(s.visible, false)
  FROM "Claim" c2
  LEFT JOIN (
    SELECT a."workspaceId" AS wid, a."claimId" AS id, bool_or(a."deletedAt" IS NULL) AS live, bool_or(a."deletedAt" IS NULL AND a."hiddenAt" IS NULL) AS visible
    FROM "Annotation" a
    WHERE a."workspaceId" = ANY (ws) AND a."claimId" = ANY (ids) AND a."kind" = 'claim'
    GROUP BY a."workspaceId", a."claimId"
  ) s ON s.wid = c2."workspaceId" AND s.id = c2.id
  WHERE c2."workspaceId" = ANY (ws) AND c2.id = ANY (ids) AND c."workspaceId" = c2."workspaceId" AND c.id = c2.id
    AND c."statementHidden" IS DISTINCT FROM (COALESCE(s.live, false) AND NOT COALESCE(s.visible, false));
END
$$;

CREATE OR REPLACE FUNCTION search_on_annotation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_index_annotations(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_annotation_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o."workspaceId" = n."workspaceId" AND o.id = n.id
    WHERE (n."rationaleText", n."exact", n."deletedAt", n."hiddenAt", n."anchoredVersionId", n."anchoredStart", n."claimId", n."kind", n."documentId", n."authorId")
      IS DISTINCT FROM (o."rationaleText", o."exact", o."deletedAt", o."hiddenAt", o."anchoredVersionId", o."anchoredStart", o."claimId", o."kind", o."documentId", o."authorId")
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_annotations(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), changed); END IF;
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_annotation_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."workspaceId" = o."workspaceId" AND e."key" = 'annotation:' || o.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_on_reply_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_index_replies(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_reply_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o."workspaceId" = n."workspaceId" AND o.id = n.id
    WHERE (n."bodyText", n."deletedAt", n."hiddenAt", n."annotationId") IS DISTINCT FROM (o."bodyText", o."deletedAt", o."hiddenAt", o."annotationId")
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_replies(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), changed); END IF;
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_reply_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."workspaceId" = o."workspaceId" AND e."key" = 'reply:' || o.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_on_claim_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_index_claims(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_claim_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o."workspaceId" = n."workspaceId" AND o.id = n.id
    WHERE (n."statement", n."deletedAt", n."createdById", n."mergedIntoId", n."statementHidden")
      IS DISTINCT FROM (o."statement", o."deletedAt", o."createdById", o."mergedIntoId", o."statementHidden")
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_claims(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), changed); END IF;
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_claim_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."workspaceId" = o."workspaceId" AND e."key" = 'claim:' || o.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_on_passage_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."workspaceId" = o."workspaceId" AND e."key" = 'passage:' || o."versionId" || ':' || o.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_on_document_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o."workspaceId" = n."workspaceId" AND o.id = n.id
    WHERE (n."currentVersionId", n."archivedAt" IS NULL) IS DISTINCT FROM (o."currentVersionId", o."archivedAt" IS NULL)
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_documents(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), changed); END IF;
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_document_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."workspaceId" = o."workspaceId" AND e."documentId" = o.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION claim_hidden_on_annotation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_refresh_statement_hidden(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), ARRAY(SELECT "claimId" FROM new_rows WHERE "kind" = 'claim'));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION claim_hidden_on_annotation_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_refresh_statement_hidden(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), ARRAY(
    SELECT x.id FROM new_rows n JOIN old_rows o ON o."workspaceId" = n."workspaceId" AND o.id = n.id,
      LATERAL (VALUES (n."claimId"), (o."claimId")) x(id)
    WHERE (n."kind" = 'claim' OR o."kind" = 'claim')
      AND (n."claimId", n."kind", n."hiddenAt", n."deletedAt") IS DISTINCT FROM (o."claimId", o."kind", o."hiddenAt", o."deletedAt")
  ));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION claim_hidden_on_annotation_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_refresh_statement_hidden(ARRAY(SELECT DISTINCT "workspaceId" FROM old_rows), ARRAY(SELECT "claimId" FROM old_rows WHERE "kind" = 'claim'));
  RETURN NULL;
END
$$;

DROP FUNCTION search_index_annotations(TEXT[]);
DROP FUNCTION search_index_replies(TEXT[]);
DROP FUNCTION search_index_claims(TEXT[]);
DROP FUNCTION search_index_documents(TEXT[]);
DROP FUNCTION claim_refresh_statement_hidden(TEXT[]);
