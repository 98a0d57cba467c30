-- Trigram similarity for search near-matches and similar-claim suggestions. PGlite bundles it as a contrib
-- extension (lib/database/embedded.ts loads it); Debian's and embedded-postgres's servers ship it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
