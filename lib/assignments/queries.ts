// Reading assignments and a document's progress. Owners list a workspace's assignments; anyone else lists their
// own (`GET …/assignments`). "My assignments" gathers the caller's across the workspaces they belong to now. The
// progress of a document (owners): its claims, how many have five or more ratings, and per reviewer what they
// rated and annotated, when they were last active and how their assignment stands. Counts only, never values.
import { authorize, hasRole, requireUserId, type WorkspaceContext } from '../context/context';
import { memberWorkspaces } from '../context/permissions';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import { assignmentStatus, byProgress } from './progress';
import type { AssignmentDto, DocumentProgress, ReviewerProgress } from './schemas';

const MAX_LISTED = 500;
const FIVE = 5;

const select = {
  id: true,
  dueAt: true,
  createdAt: true,
  document: { select: { slug: true, title: true } },
  user: { select: { id: true, name: true } },
} as const;

const toDto = (r: { id: string; dueAt: Date | null; createdAt: Date; document: { slug: string; title: string }; user: { id: string; name: string } }): AssignmentDto => ({
  id: r.id,
  document: r.document,
  user: r.user,
  dueAt: r.dueAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export async function listAssignments({ ctx, document }: { ctx: WorkspaceContext; document?: string }): Promise<{ items: AssignmentDto[]; nextCursor: null }> {
  const userId = requireUserId(ctx);
  const documentId = document ? (await requireDocument(ctx, document, { select: { id: true } })).id : undefined;
  const rows = await db.assignment.findMany({
    where: {
      workspaceId: ctx.workspace.id,
      ...(documentId ? { documentId } : {}),
      ...(hasRole(ctx.role, 'owner') ? {} : { userId }),
      document: { archivedAt: null },
    },
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    take: MAX_LISTED,
    select,
  });
  return { items: rows.map(toDto), nextCursor: null };
}

export type MyAssignment = AssignmentDto & { workspace: { slug: string; name: string } };

/** The user's assignments in the workspaces they belong to now, soonest due first. */
export async function listMyAssignments({ userId }: { userId: string }): Promise<MyAssignment[]> {
  const rows = await db.assignment.findMany({
    where: { userId, workspace: memberWorkspaces(userId), document: { archivedAt: null } },
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    take: 100,
    select: { ...select, workspace: { select: { slug: true, name: true } } },
  });
  return rows.map((r) => ({ ...toDto(r), workspace: r.workspace }));
}

export async function getDocumentProgress({ ctx, document, now = new Date() }: { ctx: WorkspaceContext; document: string; now?: Date }): Promise<DocumentProgress> {
  authorize(ctx, 'seeProgress');
  const workspaceId = ctx.workspace.id;
  const doc = await requireDocument(ctx, document, { select: { id: true } });
  const live = { workspaceId, documentId: doc.id, deletedAt: null };
  // the document's claims: those a live annotation on it names (as its claim or, for a crux, the claim it bears on)
  const named = await db.annotation.findMany({ where: live, select: { claimId: true, forClaimId: true } });
  const candidateIds = [...new Set(named.flatMap((a) => [a.claimId, a.forClaimId]).filter((id): id is string => id !== null))];
  const claims = await db.claim.findMany({ where: { workspaceId, id: { in: candidateIds }, deletedAt: null, mergedIntoId: null }, select: { id: true } });
  const claimIds = claims.map((c) => c.id);
  const [ratings, perClaim, annotations, replies, assignments, members] = await Promise.all([
    db.credence.groupBy({ by: ['userId'], where: { workspaceId, claimId: { in: claimIds }, deletedAt: null }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.credence.groupBy({ by: ['claimId'], where: { workspaceId, claimId: { in: claimIds }, deletedAt: null }, _count: { _all: true } }),
    db.annotation.groupBy({ by: ['authorId'], where: live, _count: { _all: true }, _max: { updatedAt: true } }),
    db.reply.groupBy({ by: ['authorId'], where: { workspaceId, deletedAt: null, annotation: live }, _max: { updatedAt: true } }),
    db.assignment.findMany({ where: { workspaceId, documentId: doc.id }, select: { userId: true, dueAt: true, createdAt: true } }),
    db.membership.findMany({ where: { workspaceId }, select: { userId: true, role: true, user: { select: { name: true } } } }),
  ]);
  const rated = new Map(ratings.map((r) => [r.userId, r]));
  const annotated = new Map(annotations.map((a) => [a.authorId, a]));
  const replied = new Map(replies.map((r) => [r.authorId, r._max.updatedAt]));
  const assigned = new Map(assignments.map((a) => [a.userId, a]));
  const reviewers: ReviewerProgress[] = [];
  // current members only: reviewers and owners, and an observer who was assigned or has worked on it
  for (const m of members) {
    const r = rated.get(m.userId);
    const a = annotated.get(m.userId);
    const assignment = assigned.get(m.userId);
    if (m.role === 'observer' && !r && !a && !assignment) continue;
    const claimsRated = r?._count._all ?? 0;
    const annotationCount = a?._count._all ?? 0;
    const times = [r?._max.updatedAt, a?._max.updatedAt, replied.get(m.userId)].filter((t): t is Date => t instanceof Date);
    const lastActive = times.length > 0 ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
    reviewers.push({
      userId: m.userId,
      name: m.user.name,
      claimsRated,
      annotations: annotationCount,
      lastActiveAt: lastActive?.toISOString() ?? null,
      assignment: assignment
        ? {
            dueAt: assignment.dueAt?.toISOString() ?? null,
            createdAt: assignment.createdAt.toISOString(),
            status: assignmentStatus({ claims: claimIds.length, claimsRated, annotations: annotationCount, dueAt: assignment.dueAt, now }),
          }
        : null,
    });
  }
  return {
    claims: claimIds.length,
    claimsWithFiveRatings: perClaim.filter((c) => c._count._all >= FIVE).length,
    reviewers: reviewers.sort(byProgress),
  };
}
