// "New since my last visit" (the reader's and the map's marks, and `n` for the next one): what others did on a
// document after the visit's boundary — annotations made, ratings changed and replies written. Ids and counts only:
// what each item shows is decided where it is shown (blind review, hidden content), exactly as without the marks.
import type { WorkspaceContext } from '../context/context';
import { replicaDb } from '../db';

export type NewSinceVisit = {
  /** the boundary (ISO), or null on a first visit or signed out: then nothing is new */
  since: string | null;
  /** live annotations of the document that are new (made by someone else after `since`, or a probability whose
   * author changed its credence since), in no particular order */
  annotations: string[];
  /** annotation id → how many replies others wrote on it since */
  replies: Record<string, number>;
  /** claims of the document with a new annotation or rating since */
  claims: string[];
};

export const nothingNew = (since: Date | null = null): NewSinceVisit => ({ since: since?.toISOString() ?? null, annotations: [], replies: {}, claims: [] });

/** Bounded: at most this many new items of each sort are marked (the oldest beyond it are not). */
export const NEW_MARKS_CAP = 5_000;

export async function newSinceVisit({ ctx, documentId, since }: { ctx: WorkspaceContext; documentId: string; since: Date | null }): Promise<NewSinceVisit> {
  const userId = ctx.userId;
  if (!userId || !since) return nothingNew(since);
  const workspaceId = ctx.workspace.id;
  const live = { workspaceId, documentId, deletedAt: null };
  const [made, rated, replies] = await Promise.all([
    replicaDb.annotation.findMany({
      where: { ...live, createdAt: { gt: since }, authorId: { not: userId } },
      select: { id: true, claimId: true, forClaimId: true },
      orderBy: { createdAt: 'desc' },
      take: NEW_MARKS_CAP,
    }),
    // a credence changed since: its author's probability annotations on the claim, on this document
    replicaDb.credenceRevision.findMany({
      where: { workspaceId, createdAt: { gt: since }, userId: { not: userId }, claim: { annotations: { some: { ...live, kind: 'probability' } } } },
      select: { claimId: true, userId: true },
      distinct: ['claimId', 'userId'],
      take: NEW_MARKS_CAP,
    }),
    replicaDb.reply.groupBy({
      by: ['annotationId'],
      where: { workspaceId, createdAt: { gt: since }, authorId: { not: userId }, deletedAt: null, annotation: live },
      _count: { _all: true },
      orderBy: { annotationId: 'asc' },
      take: NEW_MARKS_CAP,
    }),
  ]);
  const ratedPairs = rated.map((r) => ({ claimId: r.claimId, authorId: r.userId }));
  const ratedAnnotations =
    ratedPairs.length > 0
      ? await replicaDb.annotation.findMany({ where: { ...live, kind: 'probability', OR: ratedPairs }, select: { id: true, claimId: true }, take: NEW_MARKS_CAP })
      : [];
  const annotations = new Set([...made.map((a) => a.id), ...ratedAnnotations.map((a) => a.id)]);
  const claims = new Set<string>();
  for (const a of made) for (const id of [a.claimId, a.forClaimId]) if (id) claims.add(id);
  for (const r of rated) claims.add(r.claimId);
  return {
    since: since.toISOString(),
    annotations: [...annotations],
    replies: Object.fromEntries(replies.map((r) => [r.annotationId, r._count._all])),
    claims: [...claims],
  };
}
