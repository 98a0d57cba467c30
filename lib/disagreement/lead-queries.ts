// The reason candidates for the map's lead claims (lead.ts chooses among them): per claim and stance the strongest
// live, unhidden evidence annotations, and per claim and side the probability rationales of the reviewers whose
// current credence is furthest from 50%. Only annotations on live documents of the workspace count; a few
// claims at a time, so each read is a handful of index look-ups.
import { replicaDb } from '../db';
import { QUOTE_CHARS, RATIONALE_CHARS, REASONS_PER_SIDE, type ReasonRow } from './lead';

/** A ReasonRow as SQL returns it: the author in two columns. */
type Row = Omit<ReasonRow, 'author'> & { authorId: string; authorName: string };

/**
 * Evidence for `claimIds` and probability rationales for `rationaleClaimIds` (the caller leaves out claims whose
 * credences the viewer may not see). Texts come cut a little past what the excerpt shows, so it knows to mark the cut.
 */
export async function loadLeadReasons({
  workspaceId,
  claimIds,
  rationaleClaimIds,
}: {
  workspaceId: string;
  claimIds: readonly string[];
  rationaleClaimIds: readonly string[];
}): Promise<ReasonRow[]> {
  if (claimIds.length === 0) return [];
  const quoteChars = QUOTE_CHARS + 1;
  const rationaleChars = RATIONALE_CHARS + 1;
  const perSide = REASONS_PER_SIDE;
  const [evidence, rationales] = await Promise.all([
    replicaDb.$queryRaw<Row[]>`
      SELECT e."claimId", e.id AS "annotationId", 'evidence' AS kind, e.stance::text AS stance, e.strength, e."sourceUrl", e.quote, e.rationale,
             e."authorId", e."authorName", e."documentSlug"
        FROM (
          SELECT a.id, a."claimId", a.stance, a.strength, a."sourceUrl", left(a.exact, ${quoteChars}) AS quote,
                 left(a."rationaleText", ${rationaleChars}) AS rationale, a."authorId", u.name AS "authorName", d.slug AS "documentSlug",
                 row_number() OVER (PARTITION BY a."claimId", a.stance
                                    ORDER BY a.strength DESC NULLS LAST, (coalesce(a."rationaleText", '') = ''), a."createdAt", a.id) AS rank
            FROM "Annotation" a
            JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId" AND d."archivedAt" IS NULL
            JOIN "User" u ON u.id = a."authorId"
           WHERE a."workspaceId" = ${workspaceId} AND a."claimId" = ANY(${claimIds as string[]}::text[]) AND a.kind = 'evidence'
             AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL AND a.stance IS NOT NULL) e
       WHERE e.rank <= ${perSide}
       ORDER BY e."claimId", e.stance, e.rank`,
    rationaleClaimIds.length === 0
      ? Promise.resolve([] as Row[])
      : replicaDb.$queryRaw<Row[]>`
      WITH latest AS (
        SELECT DISTINCT ON (a."claimId", a."authorId")
               a.id, a."claimId", a."authorId", a.exact, a."rationaleText", a."documentId"
          FROM "Annotation" a
          JOIN "Document" d ON d."workspaceId" = a."workspaceId" AND d.id = a."documentId" AND d."archivedAt" IS NULL
         WHERE a."workspaceId" = ${workspaceId} AND a."claimId" = ANY(${rationaleClaimIds as string[]}::text[]) AND a.kind = 'probability'
           AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL AND coalesce(btrim(a."rationaleText"), '') <> ''
         ORDER BY a."claimId", a."authorId", a."createdAt" DESC, a.id DESC
      ),
      ranked AS (
        SELECT l.*, row_number() OVER (PARTITION BY l."claimId", (c.value > 0.5) ORDER BY abs(c.value - 0.5) DESC, l."authorId") AS rank
          FROM latest l
          JOIN "Credence" c ON c."workspaceId" = ${workspaceId} AND c."claimId" = l."claimId" AND c."userId" = l."authorId"
                            AND c."deletedAt" IS NULL AND c.value <> 0.5
      )
      SELECT r."claimId", r.id AS "annotationId", 'probability' AS kind, NULL AS stance, NULL::int AS strength, NULL AS "sourceUrl",
             left(r.exact, ${quoteChars}) AS quote, left(r."rationaleText", ${rationaleChars}) AS rationale,
             r."authorId", u.name AS "authorName", d.slug AS "documentSlug"
        FROM ranked r JOIN "User" u ON u.id = r."authorId" JOIN "Document" d ON d."workspaceId" = ${workspaceId} AND d.id = r."documentId"
       WHERE r.rank <= ${perSide}
       ORDER BY r."claimId", r.rank`,
  ]);
  return [...evidence, ...rationales].map((r) => ({
    claimId: r.claimId,
    annotationId: r.annotationId,
    kind: r.kind,
    stance: r.stance,
    strength: r.strength === null ? null : Number(r.strength),
    sourceUrl: r.sourceUrl,
    quote: r.quote,
    rationale: r.rationale,
    author: { id: r.authorId, name: r.authorName },
    documentSlug: r.documentSlug,
  }));
}
