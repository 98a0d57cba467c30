-- A claim merged into another is no longer found by search: its annotations moved to the claim it was merged
-- into, and its page only leads there. Unmerging indexes it again.
CREATE OR REPLACE FUNCTION search_index_claims(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING unnest(ids) u(id) WHERE e."key" = 'claim:' || u.id;
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'claim:' || c.id, c."workspaceId", 'claim', c.id, NULL, NULL, NULL, c.id, NULL, c."createdById", c."statement", search_tsv(c."statement"), c."createdAt"
  FROM unnest(ids) u(id)
  JOIN "Claim" c ON c.id = u.id AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_on_claim_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n."statement", n."deletedAt", n."createdById", n."mergedIntoId") IS DISTINCT FROM (o."statement", o."deletedAt", o."createdById", o."mergedIntoId")
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_claims(changed); END IF;
  RETURN NULL;
END
$$;

SELECT search_index_claims(ARRAY(SELECT id FROM "Claim" WHERE "mergedIntoId" IS NOT NULL));
