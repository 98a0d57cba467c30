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
  const rows = await replicaDb.annotation.findMany({
    where: { workspaceId, documentId, deletedAt: null },
    orderBy: [{ anchoredStart: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      kind: true,
      anchorStatus: true,
      anchoredStart: true,
      anchoredEnd: true,
      authorId: true,
      claimId: true,
      forClaimId: true,
      stance: true,
      value: true,
    },
  });
  const spans: HighlightSpan[] = [];
  const orphanIds: string[] = [];
  const claimIds = new Set<string>();
  const authorIds = new Set<string>();
  for (const row of rows) {
    authorIds.add(row.authorId);
    if (row.claimId) claimIds.add(row.claimId);
    if (row.forClaimId) claimIds.add(row.forClaimId);
    if (row.anchorStatus === 'orphan' || row.anchoredStart === null || row.anchoredEnd === null) {
      orphanIds.push(row.id);
      continue;
    }
    spans.push({
      id: row.id,
      kind: row.kind,
      start: row.anchoredStart,
      end: row.anchoredEnd,
      authorId: row.authorId,
      claimId: row.claimId,
      forClaimId: row.forClaimId,
      stance: row.stance,
      value: row.value,
    });
  }

  const fullIds = [...spans.slice(0, cardCount).map((s) => s.id), ...orphanIds];
  // all at once, and the cards' passages as soon as the cards are read
  const [{ full, passages }, authors, claims, credences, blind] = await Promise.all([
    (fullIds.length > 0 ? replicaDb.annotation.findMany({ where: { workspaceId, id: { in: fullIds } }, select: annotationSelect }) : Promise.resolve([])).then(
      async (full) => ({
        full,
        passages: await passagesByVersion({ workspaceId, versionIds: full.flatMap((r) => (r.anchoredVersionId ? [r.anchoredVersionId] : [])) }),
      }),
    ),
    replicaDb.user.findMany({ where: { id: { in: [...authorIds] } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    claimIds.size > 0
      ? replicaDb.claim.findMany({ where: { workspaceId, id: { in: [...claimIds] }, deletedAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true, statement: true } })
      : [],
    claimIds.size > 0
      ? replicaDb.credence.findMany({ where: { workspaceId, claimId: { in: [...claimIds] }, deletedAt: null }, select: { claimId: true, userId: true, value: true } })
      : [],
    blindFilterFor({ workspaceId, viewer, claimIds: [...claimIds] }),
  ]);
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
  for (const c of credences) {
    if (blind?.hidden.has(c.claimId)) continue;
    const entry = values.get(c.claimId) ?? { values: [], mine: null };
    entry.values.push(c.value);
    if (c.userId === userId) entry.mine = c.value;
    values.set(c.claimId, entry);
  }
  const pick = (ids: string[]) => ids.flatMap((id) => dtos.get(id) ?? []);
  return {
    spans,
    cards: pick(spans.slice(0, cardCount).map((s) => s.id)),
    orphans: pick(orphanIds),
    authors: authors satisfies UserRef[],
    claims: claims.map(
      (claim): ClaimSummary => ({
        id: claim.id,
        statement: claim.statement,
        values: values.get(claim.id)?.values ?? [],
        myCredence: values.get(claim.id)?.mine ?? null,
        credencesHidden: blind?.hidden.has(claim.id) ?? false,
      }),
    ),
  };
}
