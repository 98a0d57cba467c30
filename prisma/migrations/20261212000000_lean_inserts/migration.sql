-- Less work in the database for each new annotation, claim and reply; the same rows written as before.
--
-- 1. Two indexes that repeat another: "ChangeEvent_workspaceId_id_idx" is the primary key's own columns
--    ("workspaceId", id) since 20261210000000_workspace_keys, and "Claim_workspaceId_idx" is the first column of
--    Claim's primary key. Every change event and claim kept both up to date.
DROP INDEX "ChangeEvent_workspaceId_id_idx";
DROP INDEX "Claim_workspaceId_idx";

-- 2. The insert triggers index the new rows without first deleting their entries, and without indexing again
--    the replies of a new annotation: a row just inserted has neither (its id is new; a reply names an existing
--    annotation through a foreign key that is checked at once; a deleted row's entries go with it, by the delete
--    triggers). Should an entry still be there, the insert replaces it (ON CONFLICT … DO UPDATE), as the delete
--    and insert did. The update triggers keep the whole refresh (search_index_*), which must also drop entries of
--    rows that stopped being searchable.
CREATE FUNCTION search_insert_annotations(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
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
  WHERE a."workspaceId" = ANY (ws) AND a.id = ANY (ids) AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL
  ON CONFLICT ("workspaceId", "key") DO UPDATE SET
    "type" = EXCLUDED."type", "entityId" = EXCLUDED."entityId", "documentId" = EXCLUDED."documentId", "versionId" = EXCLUDED."versionId",
    "passageId" = EXCLUDED."passageId", "claimId" = EXCLUDED."claimId", "kind" = EXCLUDED."kind", "authorId" = EXCLUDED."authorId",
    "text" = EXCLUDED."text", "tsv" = EXCLUDED."tsv", "createdAt" = EXCLUDED."createdAt";
END
$$;

CREATE FUNCTION search_insert_claims(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'claim:' || c.id, c."workspaceId", 'claim', c.id, NULL, NULL, NULL, c.id, NULL, c."createdById", c."statement", search_tsv(c."statement"), c."createdAt"
  FROM "Claim" c
  WHERE c."workspaceId" = ANY (ws) AND c.id = ANY (ids) AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL AND NOT c."statementHidden"
  ON CONFLICT ("workspaceId", "key") DO UPDATE SET
    "type" = EXCLUDED."type", "entityId" = EXCLUDED."entityId", "documentId" = EXCLUDED."documentId", "versionId" = EXCLUDED."versionId",
    "passageId" = EXCLUDED."passageId", "claimId" = EXCLUDED."claimId", "kind" = EXCLUDED."kind", "authorId" = EXCLUDED."authorId",
    "text" = EXCLUDED."text", "tsv" = EXCLUDED."tsv", "createdAt" = EXCLUDED."createdAt";
END
$$;

CREATE FUNCTION search_insert_replies(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'reply:' || r.id, r."workspaceId", 'reply', r.id, a."documentId", a."versionId", a."passageId", a."claimId", a."kind",
         r."authorId", r."bodyText", search_tsv(r."bodyText"), r."createdAt"
  FROM "Reply" r
  JOIN "SearchEntry" a ON a."workspaceId" = r."workspaceId" AND a."key" = 'annotation:' || r."annotationId"
  WHERE r."workspaceId" = ANY (ws) AND r.id = ANY (ids) AND r."deletedAt" IS NULL AND r."hiddenAt" IS NULL
  ON CONFLICT ("workspaceId", "key") DO UPDATE SET
    "type" = EXCLUDED."type", "entityId" = EXCLUDED."entityId", "documentId" = EXCLUDED."documentId", "versionId" = EXCLUDED."versionId",
    "passageId" = EXCLUDED."passageId", "claimId" = EXCLUDED."claimId", "kind" = EXCLUDED."kind", "authorId" = EXCLUDED."authorId",
    "text" = EXCLUDED."text", "tsv" = EXCLUDED."tsv", "createdAt" = EXCLUDED."createdAt";
END
$$;

-- The whole refresh (the update triggers', a document's) is now the delete and these inserts, so each kind's entry
-- is written by one statement, here.
CREATE OR REPLACE FUNCTION search_index_annotations(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."workspaceId" = ANY (ws) AND e."key" = ANY (ARRAY(SELECT 'annotation:' || x FROM unnest(ids) x));
  PERFORM search_insert_annotations(ws, ids);
  -- the annotations' replies carry their annotation's place and kind: indexed again after it
  PERFORM search_index_replies(ws, ARRAY(SELECT r.id FROM "Reply" r WHERE r."workspaceId" = ANY (ws) AND r."annotationId" = ANY (ids)));
END
$$;

CREATE OR REPLACE FUNCTION search_index_claims(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."workspaceId" = ANY (ws) AND e."key" = ANY (ARRAY(SELECT 'claim:' || x FROM unnest(ids) x));
  PERFORM search_insert_claims(ws, ids);
END
$$;

CREATE OR REPLACE FUNCTION search_index_replies(ws TEXT[], ids TEXT[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."workspaceId" = ANY (ws) AND e."key" = ANY (ARRAY(SELECT 'reply:' || x FROM unnest(ids) x));
  PERFORM search_insert_replies(ws, ids);
END
$$;

CREATE OR REPLACE FUNCTION search_on_annotation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_insert_annotations(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_claim_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_insert_claims(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION search_on_reply_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_insert_replies(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows), ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;

-- 3. A new claim annotation can only make its claim's statement visible: when it is itself live and not hidden,
--    the claim is shown (statementHidden false), which is one indexed UPDATE of the claims still marked hidden —
--    none, usually. Only new claim annotations inserted hidden or deleted (an import's) take the whole count
--    (claim_refresh_statement_hidden), as before.
CREATE OR REPLACE FUNCTION claim_hidden_on_annotation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Claim" c SET "statementHidden" = false
  FROM (SELECT DISTINCT n."workspaceId", n."claimId" FROM new_rows n
         WHERE n."kind" = 'claim' AND n."deletedAt" IS NULL AND n."hiddenAt" IS NULL) v
  WHERE c."workspaceId" = v."workspaceId" AND c.id = v."claimId" AND c."statementHidden";
  IF EXISTS (SELECT 1 FROM new_rows n WHERE n."kind" = 'claim' AND (n."deletedAt" IS NOT NULL OR n."hiddenAt" IS NOT NULL)) THEN
    PERFORM claim_refresh_statement_hidden(
      ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows),
      ARRAY(SELECT "claimId" FROM new_rows WHERE "kind" = 'claim' AND ("deletedAt" IS NOT NULL OR "hiddenAt" IS NOT NULL)));
  END IF;
  RETURN NULL;
END
$$;
