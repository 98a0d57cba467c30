-- Search (issue 14): one index over passages, claims, annotations and replies (SearchEntry), and the words of
-- that text for near-matches (SearchWord). See lib/search/.
-- CreateEnum
CREATE TYPE "SearchEntryType" AS ENUM ('passage', 'claim', 'annotation', 'reply');

-- CreateTable
CREATE TABLE "SearchEntry" (
    "key" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "type" "SearchEntryType" NOT NULL,
    "entityId" TEXT NOT NULL,
    "documentId" TEXT,
    "versionId" TEXT,
    "passageId" TEXT,
    "claimId" TEXT,
    "kind" "AnnotationKind",
    "authorId" TEXT,
    "text" TEXT NOT NULL,
    "tsv" tsvector NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SearchWord" (
    "workspaceId" TEXT NOT NULL,
    "word" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("workspaceId","word")
);

-- CreateIndex
CREATE INDEX "SearchEntry_tsv_idx" ON "SearchEntry" USING GIN ("tsv");

-- CreateIndex
CREATE INDEX "SearchEntry_workspaceId_type_idx" ON "SearchEntry"("workspaceId", "type");

-- CreateIndex
CREATE INDEX "SearchEntry_documentId_idx" ON "SearchEntry"("documentId");

-- CreateIndex
CREATE INDEX "SearchWord_word_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops);

-- ---------------------------------------------------------------- keeping the index in step
-- Everything below is kept by triggers on the source tables, set-based (statement triggers with transition
-- tables), so bulk writes index in bulk. Prisma does not diff functions and triggers (no schema drift).

-- English lexemes (stemmed: "disagreeing" finds "disagree") and simple ones (as typed: "deceptiv:*" finds
-- "deceptive", whose English stem is "decept").
CREATE FUNCTION search_tsv(t TEXT) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('english'::regconfig, t) || to_tsvector('simple'::regconfig, t)
$$;

-- Annotations (rationale and quote; never a probability value), and the replies under them: only the live ones
-- (neither deleted nor hidden) of live documents.
CREATE FUNCTION search_index_annotations(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING unnest(ids) u(id) WHERE e."key" = 'annotation:' || u.id;
  DELETE FROM "SearchEntry" e USING unnest(ids) u(id), "Reply" r WHERE r."annotationId" = u.id AND e."key" = 'reply:' || r.id;
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'annotation:' || a.id, a."workspaceId", 'annotation', a.id, a."documentId", a."anchoredVersionId", p.id, a."claimId", a."kind",
         a."authorId", t.txt, search_tsv(t.txt), a."createdAt"
  FROM unnest(ids) u(id)
  JOIN "Annotation" a ON a.id = u.id AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL
  JOIN "Document" d ON d.id = a."documentId" AND d."archivedAt" IS NULL
  CROSS JOIN LATERAL (SELECT concat_ws(E'\n', NULLIF(a."rationaleText", ''), NULLIF(a."exact", '')) AS txt) t
  LEFT JOIN LATERAL (
    SELECT ps.id FROM "Passage" ps
    WHERE ps."versionId" = a."anchoredVersionId" AND ps."start" <= a."anchoredStart"
    ORDER BY ps."start" DESC LIMIT 1
  ) p ON true;
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'reply:' || r.id, r."workspaceId", 'reply', r.id, a."documentId", a."versionId", a."passageId", a."claimId", a."kind",
         r."authorId", r."bodyText", search_tsv(r."bodyText"), r."createdAt"
  FROM unnest(ids) u(id)
  JOIN "SearchEntry" a ON a."key" = 'annotation:' || u.id
  JOIN "Reply" r ON r."annotationId" = u.id AND r."deletedAt" IS NULL AND r."hiddenAt" IS NULL;
END
$$;

CREATE FUNCTION search_index_replies(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING unnest(ids) u(id) WHERE e."key" = 'reply:' || u.id;
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'reply:' || r.id, r."workspaceId", 'reply', r.id, a."documentId", a."versionId", a."passageId", a."claimId", a."kind",
         r."authorId", r."bodyText", search_tsv(r."bodyText"), r."createdAt"
  FROM unnest(ids) u(id)
  JOIN "Reply" r ON r.id = u.id AND r."deletedAt" IS NULL AND r."hiddenAt" IS NULL
  JOIN "SearchEntry" a ON a."key" = 'annotation:' || r."annotationId";
END
$$;

CREATE FUNCTION search_index_claims(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING unnest(ids) u(id) WHERE e."key" = 'claim:' || u.id;
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'claim:' || c.id, c."workspaceId", 'claim', c.id, NULL, NULL, NULL, c.id, NULL, c."createdById", c."statement", search_tsv(c."statement"), c."createdAt"
  FROM unnest(ids) u(id)
  JOIN "Claim" c ON c.id = u.id AND c."deletedAt" IS NULL;
END
$$;

-- A document's passages (of its current version), annotations and replies, all anew: on import of a version,
-- archiving and restoring.
CREATE FUNCTION search_index_documents(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."documentId" = ANY (ids);
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'passage:' || p."versionId" || ':' || p.id, p."workspaceId", 'passage', p.id, d.id, p."versionId", p.id, NULL, NULL, NULL,
         p."text", search_tsv(p."text"), d."createdAt"
  FROM unnest(ids) u(id)
  JOIN "Document" d ON d.id = u.id AND d."archivedAt" IS NULL
  JOIN "Passage" p ON p."versionId" = d."currentVersionId";
  PERFORM search_index_annotations(ARRAY(
    SELECT a.id FROM unnest(ids) u(id) JOIN "Document" d ON d.id = u.id
    JOIN "Annotation" a ON a."workspaceId" = d."workspaceId" AND a."documentId" = d.id
  ));
END
$$;

CREATE FUNCTION search_on_annotation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_index_annotations(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION search_on_annotation_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n."rationaleText", n."exact", n."deletedAt", n."hiddenAt", n."anchoredVersionId", n."anchoredStart", n."claimId", n."kind", n."documentId", n."authorId")
      IS DISTINCT FROM (o."rationaleText", o."exact", o."deletedAt", o."hiddenAt", o."anchoredVersionId", o."anchoredStart", o."claimId", o."kind", o."documentId", o."authorId")
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_annotations(changed); END IF;
  RETURN NULL;
END
$$;
CREATE FUNCTION search_on_annotation_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."key" = 'annotation:' || o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER search_annotation_insert AFTER INSERT ON "Annotation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_annotation_insert();
CREATE TRIGGER search_annotation_update AFTER UPDATE ON "Annotation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_annotation_update();
CREATE TRIGGER search_annotation_delete AFTER DELETE ON "Annotation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_annotation_delete();

CREATE FUNCTION search_on_reply_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_index_replies(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION search_on_reply_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n."bodyText", n."deletedAt", n."hiddenAt", n."annotationId") IS DISTINCT FROM (o."bodyText", o."deletedAt", o."hiddenAt", o."annotationId")
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_replies(changed); END IF;
  RETURN NULL;
END
$$;
CREATE FUNCTION search_on_reply_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."key" = 'reply:' || o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER search_reply_insert AFTER INSERT ON "Reply" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_reply_insert();
CREATE TRIGGER search_reply_update AFTER UPDATE ON "Reply" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_reply_update();
CREATE TRIGGER search_reply_delete AFTER DELETE ON "Reply" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_reply_delete();

CREATE FUNCTION search_on_claim_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_index_claims(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE FUNCTION search_on_claim_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n."statement", n."deletedAt", n."createdById") IS DISTINCT FROM (o."statement", o."deletedAt", o."createdById")
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_claims(changed); END IF;
  RETURN NULL;
END
$$;
CREATE FUNCTION search_on_claim_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."key" = 'claim:' || o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER search_claim_insert AFTER INSERT ON "Claim" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_claim_insert();
CREATE TRIGGER search_claim_update AFTER UPDATE ON "Claim" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_claim_update();
CREATE TRIGGER search_claim_delete AFTER DELETE ON "Claim" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_claim_delete();

-- Passages are inserted before their version becomes current (the document trigger indexes them then); a
-- passage inserted into a current version is indexed at once.
CREATE FUNCTION search_on_passage_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'passage:' || p."versionId" || ':' || p.id, p."workspaceId", 'passage', p.id, d.id, p."versionId", p.id, NULL, NULL, NULL,
         p."text", search_tsv(p."text"), d."createdAt"
  FROM new_rows p JOIN "Document" d ON d."currentVersionId" = p."versionId" AND d."archivedAt" IS NULL
  ON CONFLICT ("key") DO NOTHING;
  RETURN NULL;
END
$$;
CREATE FUNCTION search_on_passage_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."key" = 'passage:' || o."versionId" || ':' || o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER search_passage_insert AFTER INSERT ON "Passage" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_passage_insert();
CREATE TRIGGER search_passage_delete AFTER DELETE ON "Passage" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_passage_delete();

CREATE FUNCTION search_on_document_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n."currentVersionId", n."archivedAt" IS NULL) IS DISTINCT FROM (o."currentVersionId", o."archivedAt" IS NULL)
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_documents(changed); END IF;
  RETURN NULL;
END
$$;
CREATE FUNCTION search_on_document_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING old_rows o WHERE e."documentId" = o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER search_document_update AFTER UPDATE ON "Document" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_document_update();
CREATE TRIGGER search_document_delete AFTER DELETE ON "Document" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_document_delete();

-- The words of indexed text, for near-matches (lexemes of letters, 3–40 characters).
CREATE FUNCTION search_on_entry_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchWord" ("workspaceId", "word")
  SELECT DISTINCT n."workspaceId", w.word
  FROM new_rows n CROSS JOIN LATERAL unnest(tsvector_to_array(n."tsv")) w(word)
  WHERE length(w.word) BETWEEN 3 AND 40 AND w.word !~ '[0-9]'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER search_entry_insert AFTER INSERT ON "SearchEntry" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_entry_insert();

-- A deleted workspace's words go with it (its entries go with its rows, through the triggers above).
CREATE FUNCTION search_on_workspace_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchWord" w USING old_rows o WHERE w."workspaceId" = o.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER search_workspace_delete AFTER DELETE ON "Workspace" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_on_workspace_delete();

-- Backfill what exists.
SELECT search_index_claims(ARRAY(SELECT id FROM "Claim"));
SELECT search_index_documents(ARRAY(SELECT id FROM "Document"));
