-- AlterTable
ALTER TABLE "Claim" ADD COLUMN "statementHidden" BOOLEAN NOT NULL DEFAULT false;

-- Hand-written: a claim's statement is hidden when every live annotation that makes it (kind 'claim') is hidden
-- by an owner. Kept in the same transaction as every annotation write, so no read can see it out of step.
CREATE FUNCTION claim_refresh_statement_hidden(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Claim" c SET "statementHidden" = x.hidden
  FROM (
    SELECT u.id,
      EXISTS (SELECT 1 FROM "Annotation" a WHERE a."claimId" = u.id AND a."kind" = 'claim' AND a."deletedAt" IS NULL)
      AND NOT EXISTS (SELECT 1 FROM "Annotation" a WHERE a."claimId" = u.id AND a."kind" = 'claim' AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL)
      AS hidden
    FROM (SELECT DISTINCT id FROM unnest(ids) v(id) WHERE id IS NOT NULL) u
  ) x
  WHERE c.id = x.id AND c."statementHidden" IS DISTINCT FROM x.hidden;
END
$$;

CREATE FUNCTION claim_hidden_on_annotation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_refresh_statement_hidden(ARRAY(SELECT "claimId" FROM new_rows WHERE "kind" = 'claim'));
  RETURN NULL;
END
$$;
CREATE FUNCTION claim_hidden_on_annotation_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_refresh_statement_hidden(ARRAY(
    SELECT x.id FROM new_rows n JOIN old_rows o ON o.id = n.id,
      LATERAL (VALUES (n."claimId"), (o."claimId")) x(id)
    WHERE (n."kind" = 'claim' OR o."kind" = 'claim')
      AND (n."claimId", n."kind", n."hiddenAt", n."deletedAt") IS DISTINCT FROM (o."claimId", o."kind", o."hiddenAt", o."deletedAt")
  ));
  RETURN NULL;
END
$$;
CREATE FUNCTION claim_hidden_on_annotation_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_refresh_statement_hidden(ARRAY(SELECT "claimId" FROM old_rows WHERE "kind" = 'claim'));
  RETURN NULL;
END
$$;
CREATE TRIGGER claim_hidden_annotation_insert AFTER INSERT ON "Annotation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_hidden_on_annotation_insert();
CREATE TRIGGER claim_hidden_annotation_update AFTER UPDATE ON "Annotation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_hidden_on_annotation_update();
CREATE TRIGGER claim_hidden_annotation_delete AFTER DELETE ON "Annotation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_hidden_on_annotation_delete();

-- Search finds a claim whose statement is hidden nowhere (search has no owner's view of hidden content).
CREATE OR REPLACE FUNCTION search_index_claims(ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SearchEntry" e USING unnest(ids) u(id) WHERE e."key" = 'claim:' || u.id;
  INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "documentId", "versionId", "passageId", "claimId", "kind", "authorId", "text", "tsv", "createdAt")
  SELECT 'claim:' || c.id, c."workspaceId", 'claim', c.id, NULL, NULL, NULL, c.id, NULL, c."createdById", c."statement", search_tsv(c."statement"), c."createdAt"
  FROM unnest(ids) u(id)
  JOIN "Claim" c ON c.id = u.id AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL AND NOT c."statementHidden";
END
$$;

CREATE OR REPLACE FUNCTION search_on_claim_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed TEXT[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n."statement", n."deletedAt", n."createdById", n."mergedIntoId", n."statementHidden")
      IS DISTINCT FROM (o."statement", o."deletedAt", o."createdById", o."mergedIntoId", o."statementHidden")
  );
  IF cardinality(changed) > 0 THEN PERFORM search_index_claims(changed); END IF;
  RETURN NULL;
END
$$;

-- Claims already made only by hidden annotations.
SELECT claim_refresh_statement_hidden(ARRAY(SELECT DISTINCT "claimId" FROM "Annotation" WHERE "kind" = 'claim' AND "hiddenAt" IS NOT NULL));
