// What the reading page needs about a document's annotations, sized for thousands of them: every highlight as a
// small span, full annotations only for the first cards and the orphans (the margin fetches the rest by id),
// the authors, and each referenced claim's credence values. The document was found in the context's workspace by
// the caller (getDocumentForReader); every query here still filters on the workspace.
import type { WorkspaceContext } from '../context/context';
import { replicaDb } from '../db';
import { blindFilterFor } from '../disagreement/blind-queries';
import { annotationSelect, toAnnotationDto, type ViewerContext } from './dto';
import type { ClaimSummary, HighlightSpan, ReaderLayer, UserRef } from './types';
import { passagesByVersion } from '../documents/version-queries';
import { splitSpanRows, type SpanRow } from './span-rows';

/**
 * Every live annotation of the document in the reading order, as one text (rows joined by chr(31), fields by
 * chr(30); a null as an empty field, coalesced since concat_ws skips nulls). PostgreSQL builds it at about half
 * the cost of JSON (whose wall time was the page's loss) and Node splits it at about a third of the CPU of 5 000
 * rows through the driver and Prisma's row mapping. An id holding either separator would split into another
 * count: then the same rows are read again as JSON. Orphans (no text on the current
 * version) are listed apart, and the claims and authors the annotations name are collected.
 */
async function readSpans(
  workspaceId: string,
  documentId: string,
): Promise<{ spans: HighlightSpan[]; orphanIds: string[]; claimIds: Set<string>; authorIds: Set<string> }> {
  const [row] = await replicaDb.$queryRaw<{ n: number; rows: string | null }[]>`
    SELECT count(*)::int AS n,
           string_agg(concat_ws(chr(30), a.id, a.kind, a."anchorStatus", coalesce(a."anchoredStart"::text, ''), coalesce(a."anchoredEnd"::text, ''),
                                a."authorId", coalesce(a."claimId", ''), coalesce(a."forClaimId", ''), coalesce(a.stance::text, ''), coalesce(a.value::text, '')),
                      chr(31) ORDER BY a."anchoredStart", a."createdAt", a.id) AS rows
      FROM "Annotation" a
     WHERE a."workspaceId" = ${workspaceId} AND a."documentId" = ${documentId} AND a."deletedAt" IS NULL`;
  let rows: SpanRow[] | null = row?.rows ? splitSpanRows(row.rows, row.n) : [];
  if (rows === null) {
    const [json] = await replicaDb.$queryRaw<{ rows: string }[]>`
      SELECT coalesce(json_agg(json_build_array(a.id, a.kind, a."anchorStatus", a."anchoredStart", a."anchoredEnd", a."authorId", a."claimId", a."forClaimId", a.stance, a.value)
                               ORDER BY a."anchoredStart", a."createdAt", a.id), '[]')::text AS rows
        FROM "Annotation" a
       WHERE a."workspaceId" = ${workspaceId} AND a."documentId" = ${documentId} AND a."deletedAt" IS NULL`;
    rows = JSON.parse(json?.rows ?? '[]') as SpanRow[];
  }
  const spans: HighlightSpan[] = [];
  const orphanIds: string[] = [];
  const claimIds = new Set<string>();
  const authorIds = new Set<string>();
  for (const [id, kind, anchorStatus, start, end, authorId, claimId, forClaimId, stance, value] of rows) {
    authorIds.add(authorId);
    if (claimId !== null) claimIds.add(claimId);
    if (forClaimId !== null) claimIds.add(forClaimId);
    if (anchorStatus === 'orphan' || start === null || end === null) orphanIds.push(id);
    else spans.push({ id, kind, start, end, authorId, claimId, forClaimId, stance, value });
  }
  return { spans, orphanIds, claimIds, authorIds };
}

export async function getReaderLayer({
  ctx,
  documentId,
  cardCount = 40,
}: {
  ctx: WorkspaceContext;
  documentId: string;
  cardCount?: number;
}): Promise<ReaderLayer> {
  const viewer: ViewerContext = ctx;
  const { userId } = ctx;
  const workspaceId = ctx.workspace.id;
  // The spans first (readSpans); then, side by side, the first cards' and the orphans' full annotations (and their
  // passages), the authors, the claims the spans name (their statements, and the current credence values with the
  // viewer's own, both as JSON built by the database from the claim set bound as one array) and which of them are
  // blind to the viewer.
  const { spans, orphanIds, claimIds, authorIds } = await readSpans(workspaceId, documentId);
  const cardIds = spans.slice(0, cardCount).map((s) => s.id);
  const fullIds = [...cardIds, ...orphanIds];
  const ids = [...claimIds];
  const [{ full, passages }, authors, [claimRow], [credenceRow], blind] = await Promise.all([
    (fullIds.length > 0 ? replicaDb.annotation.findMany({ where: { workspaceId, id: { in: fullIds } }, select: annotationSelect }) : Promise.resolve([])).then(
      async (full) => ({
        full,
        passages: await passagesByVersion({ workspaceId, versionIds: full.flatMap((r) => (r.anchoredVersionId ? [r.anchoredVersionId] : [])) }),
      }),
    ),
    replicaDb.user.findMany({ where: { id: { in: [...authorIds] } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    ids.length > 0
      ? replicaDb.$queryRaw<{ claims: string }[]>`
          SELECT coalesce(json_agg(json_build_array(c.id, c.statement) ORDER BY c."createdAt", c.id), '[]')::text AS claims
            FROM "Claim" c
           WHERE c."workspaceId" = ${workspaceId} AND c.id = ANY(${ids}::text[]) AND c."deletedAt" IS NULL`
      : [],
    ids.length > 0
      ? replicaDb.$queryRaw<{ credences: string }[]>`
          SELECT coalesce(json_agg(json_build_array(x."claimId", x.value, x."userId" = ${userId}::text)), '[]')::text AS credences
            FROM "Credence" x
           WHERE x."workspaceId" = ${workspaceId} AND x."claimId" = ANY(${ids}::text[]) AND x."deletedAt" IS NULL`
      : [],
    blindFilterFor({ workspaceId, viewer, claimIds: ids }),
  ]);
  const claims = JSON.parse(claimRow?.claims ?? '[]') as [string, string][];
  const credences = JSON.parse(credenceRow?.credences ?? '[]') as [string, number, boolean | null][];
  // Blind review: others' values on claims this viewer may not see yet are withheld, on spans and cards alike.
  const isHidden = (claimId: string | null, authorId: string): boolean => claimId !== null && authorId !== userId && (blind?.hidden.has(claimId) ?? false);
  if (blind) {
    for (const span of spans) if (span.kind === 'probability' && isHidden(span.claimId, span.authorId)) span.value = null;
  }
  const dtos = new Map(
    full.map((row) => {
      const dto = toAnnotationDto(row, viewer, row.anchoredVersionId ? (passages.get(row.anchoredVersionId) ?? null) : null);
      return [row.id, dto.probability && isHidden(dto.probability.claimId, dto.author.id) ? { ...dto, probability: null } : dto];
    }),
  );
  const values = new Map<string, { values: number[]; mine: number | null }>();
  for (const [claimId, revealed] of blind?.revealed ?? []) values.set(claimId, { values: revealed.map((c) => c.value), mine: null });
  for (const [claimId, value, isMine] of credences) {
    if (blind?.hidden.has(claimId)) continue;
    const entry = values.get(claimId) ?? { values: [], mine: null };
    entry.values.push(value);
    if (isMine === true) entry.mine = value;
    values.set(claimId, entry);
  }
  const pick = (ids: readonly string[]) => ids.flatMap((id) => dtos.get(id) ?? []);
  return {
    spans,
    cards: pick(cardIds),
    orphans: pick(orphanIds),
    authors: authors satisfies UserRef[],
    claims: claims.map(
      ([id, statement]): ClaimSummary => ({
        id,
        statement,
        values: values.get(id)?.values ?? [],
        myCredence: values.get(id)?.mine ?? null,
        credencesHidden: blind?.hidden.has(id) ?? false,
      }),
    ),
  };
}
