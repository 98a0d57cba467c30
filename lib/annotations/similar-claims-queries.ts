// Similar-claim suggestions (`GET …/claims?similar=TEXT`): before anyone makes a new claim, the workspace's live
// claims whose statements resemble the text, across documents, ranked by pg_trgm trigram similarity.
import { hasRole, type WorkspaceContext } from '../context/context';
import { db } from '../db';
import { claimsByIds } from './queries';
import { SIMILAR_LIMIT_MAX, SIMILAR_MAX } from './limits';
import type { SimilarClaimDto } from './types';

export const SIMILAR_LIMIT_DEFAULT = 8;

/**
 * What counts as similar: pg_trgm's own operators, which the GIN index on Claim.statement serves, with their
 * default thresholds — `statement % text` (whole-statement similarity ≥ 0.3: a near-copy, a reworded claim) or
 * `statement %> text` (word similarity ≥ 0.6: the typed words found inside a longer statement). Below those two
 * statements share little more than common words.
 */
type Ranked = { id: string; similarity: number };

/** The live claims of the context's workspace most like `text`, best first, at most `limit` (≤ 20). */
export async function listSimilarClaims({
  ctx,
  text,
  limit = SIMILAR_LIMIT_DEFAULT,
}: {
  ctx: WorkspaceContext;
  /** parsed with listClaimsQuerySchema: trimmed, 1..500 characters */
  text: string;
  limit?: number;
}): Promise<{ items: SimilarClaimDto[]; nextCursor: null }> {
  const workspaceId = ctx.workspace.id;
  const needle = text.slice(0, SIMILAR_MAX);
  const take = Math.min(Math.max(1, Math.trunc(limit)), SIMILAR_LIMIT_MAX);
  // a hidden statement is compared only for those who may read it (owners, its creator): a similarity would reveal it
  const seesHidden = hasRole(ctx.role, 'owner');
  const viewerId = ctx.userId ?? '';
  // the score is the better of the two similarities; ties: the older claim first (the one people rated)
  const ranked = await db.$queryRaw<Ranked[]>`
    SELECT "id", GREATEST(similarity("statement", ${needle}), word_similarity(${needle}, "statement"))::float8 AS "similarity"
    FROM "Claim"
    WHERE "workspaceId" = ${workspaceId} AND "deletedAt" IS NULL AND "mergedIntoId" IS NULL
      AND ("statement" % ${needle} OR "statement" %> ${needle})
      AND (${seesHidden} OR NOT "statementHidden" OR "createdById" = ${viewerId})
    ORDER BY "similarity" DESC, "createdAt" ASC, "id" ASC
    LIMIT ${take}`;
  if (ranked.length === 0) return { items: [], nextCursor: null };
  const ids = ranked.map((r) => r.id);
  const [claims, uses] = await Promise.all([
    claimsByIds(workspaceId, ids, ctx, null),
    // where each claim is used: its own annotations and the cruxes that bear on it, one row per document
    db.annotation.groupBy({
      by: ['documentId', 'claimId', 'forClaimId'],
      where: { workspaceId, deletedAt: null, document: { archivedAt: null }, OR: [{ claimId: { in: ids } }, { forClaimId: { in: ids } }] },
    }),
  ]);
  const documentIds = [...new Set(uses.map((u) => u.documentId))];
  const documents = new Map(
    (await db.document.findMany({ where: { workspaceId, id: { in: documentIds } }, select: { id: true, slug: true, title: true } })).map((d) => [d.id, d]),
  );
  const byClaim = new Map(claims.map((c) => [c.id, c]));
  return {
    items: ranked.flatMap(({ id, similarity }) => {
      const claim = byClaim.get(id);
      if (!claim) return [];
      const used = new Set(uses.filter((u) => u.claimId === id || u.forClaimId === id).map((u) => u.documentId));
      return [{
        ...claim,
        similarity: Math.round(Math.min(1, Math.max(0, similarity)) * 1000) / 1000,
        documents: [...used].flatMap((d) => documents.get(d) ?? []).sort((a, b) => a.title.localeCompare(b.title)),
      }];
    }),
    nextCursor: null,
  };
}
