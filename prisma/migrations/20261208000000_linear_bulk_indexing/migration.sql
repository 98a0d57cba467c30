-- Hand-written: the functions that keep search and hidden claim statements in step, rewritten so their work grows
-- linearly with the rows a statement writes, whatever the planner knows of the tables. They joined `unnest(ids)` to
-- the table; on tables without statistics (a fresh database being restored, or just filled by a bulk insert) the
-- planner took them for a few rows and chose a nested loop of the table's rows × the ids: 20 000 annotations
-- inserted in one statement spent 16 s indexing, 100 000 most of an hour. `column = ANY (ids)` is an index scan or a
-- hashed lookup either way. Same rows written as before (duplicated ids now count once).

CREATE OR REPLACE FUNCTION search_index_annotations(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."key" = ANY (ARRAY(SELECT 'annotation:' || x FROM unnest(ids) x));
  DELETE FROM "SearchEntry" e WHERE e."key" = ANY (ARRAY(SELECT 'reply:' || r.id FROM "Reply" r WHERE r."annotationId" = ANY (ids)));
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'annotation:' || a.id, a."workspaceId", 'annotation', a.id, a."documentId", a."anchoredVersionId", p.id, a."claimId", a."kind",
         a."authorId", t.txt, search_tsv(t.txt), a."createdAt"
  FROM "Annotation" a
  JOIN "Document" d ON d.id = a."documentId" AND d."archivedAt" IS NULL
  CROSS JOIN LATERAL (SELECT concat_ws(E'\n', NULLIF(a."rationaleText", ''), NULLIF(a."exact", '')) AS txt) t
  LEFT JOIN LATERAL (
    SELECT ps.id FROM "Passage" ps
    WHERE ps."versionId" = a."anchoredVersionId" AND ps."start" <= a."anchoredStart"
    ORDER BY ps."start" DESC LIMIT 1
  ) p ON true
  WHERE a.id = ANY (ids) AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL;
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'reply:' || r.id, r."workspaceId", 'reply', r.id, a."documentId", a."versionId", a."passageId", a."claimId", a."kind",
         r."authorId", r."bodyText", search_tsv(r."bodyText"), r."createdAt"
  FROM "Reply" r
  JOIN "SearchEntry" a ON a."key" = 'annotation:' || r."annotationId"
  WHERE r."annotationId" = ANY (ids) AND r."deletedAt" IS NULL AND r."hiddenAt" IS NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_index_replies(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."key" = ANY (ARRAY(SELECT 'reply:' || x FROM unnest(ids) x));
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'reply:' || r.id, r."workspaceId", 'reply', r.id, a."documentId", a."versionId", a."passageId", a."claimId", a."kind",
         r."authorId", r."bodyText", search_tsv(r."bodyText"), r."createdAt"
  FROM "Reply" r
  JOIN "SearchEntry" a ON a."key" = 'annotation:' || r."annotationId"
  WHERE r.id = ANY (ids) AND r."deletedAt" IS NULL AND r."hiddenAt" IS NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_index_claims(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."key" = ANY (ARRAY(SELECT 'claim:' || x FROM unnest(ids) x));
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'claim:' || c.id, c."workspaceId", 'claim', c.id, NULL, NULL, NULL, c.id, NULL, c."createdById", c."statement", search_tsv(c."statement"), c."createdAt"
  FROM "Claim" c
  WHERE c.id = ANY (ids) AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL AND NOT c."statementHidden";
END
$$;

CREATE OR REPLACE FUNCTION search_index_documents(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e WHERE e."documentId" = ANY (ids);
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'passage:' || p."versionId" || ':' || p.id, p."workspaceId", 'passage', p.id, d.id, p."versionId", p.id, NULL, NULL, NULL,
         p."text", search_tsv(p."text"), d."createdAt"
  FROM "Document" d
  JOIN "Passage" p ON p."versionId" = d."currentVersionId"
  WHERE d.id = ANY (ids) AND d."archivedAt" IS NULL;
  PERFORM search_index_annotations(ARRAY(
    SELECT a.id FROM "Annotation" a
    WHERE a."documentId" = ANY (ids) AND a."workspaceId" IN (SELECT d."workspaceId" FROM "Document" d WHERE d.id = ANY (ids))
  ));
END
$$;

-- A claim's statement is hidden when every live annotation that makes it (kind 'claim') is hidden: the claims'
-- annotations read once, grouped, instead of two lookups per claim.
CREATE OR REPLACE FUNCTION claim_refresh_statement_hidden(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Claim" c SET "statementHidden" = COALESCE(s.live, false) AND NOT COALESCE(s.visible, false)
  FROM "Claim" c2
  LEFT JOIN (
    SELECT a."claimId" AS id, bool_or(a."deletedAt" IS NULL) AS live, bool_or(a."deletedAt" IS NULL AND a."hiddenAt" IS NULL) AS visible
    FROM "Annotation" a
    WHERE a."claimId" = ANY (ids) AND a."kind" = 'claim'
    GROUP BY a."claimId"
  ) s ON s.id = c2.id
  WHERE c2.id = ANY (ids) AND c.id = c2.id
    AND c."statementHidden" IS DISTINCT FROM (COALESCE(s.live, false) AND NOT COALESCE(s.visible, false));
END
$$;
