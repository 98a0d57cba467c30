-- Similar-claim suggestions (GET …/claims?similar=): a trigram index on the statement serves pg_trgm's % and %>.
-- CreateIndex
CREATE INDEX "Claim_statement_idx" ON "Claim" USING GIN ("statement" gin_trgm_ops);
