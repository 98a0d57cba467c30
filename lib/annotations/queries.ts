// Reads of annotations and claims, each through the viewer's access to the workspace: readers of a workspace
// (members, or anyone for a public one) see its live annotations; deleted ones only their author and owners.
import type { z } from 'zod';
import { hasRole, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { maskClaim, maskProbability, maskRevisions, referencedClaimIds } from '../disagreement/blind';
import { blindFilterFor } from '../disagreement/blind-queries';
import { annotationSelect, RESTORE_WINDOW_MS, toAnnotationDto, type ViewerContext } from './dto';
import { visibleStatement } from '../context/hidden-statement';
import { listClaimsQuerySchema, type ListAnnotationsQuery } from './schemas';
import type { AnnotationDto, AnnotationPage, ClaimDetailDto, ClaimDto } from './types';
import { loadVersion, passagesByVersion } from '../documents/version-queries';

type Client = Prisma.TransactionClient | typeof db;

type Cursor = { t: number; id: string };

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.t, c.id])).toString('base64url');

function decodeCursor(value: string): Cursor {
  try {
    const [t, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof t === 'number' && typeof id === 'string') return { t, id };
  } catch {
    // fall through
  }
  throw new AppError('BAD_REQUEST', 'The request is invalid.', { fields: { cursor: ['is not a valid cursor'] } });
}

/** One annotation as the context's viewer sees it, whatever its state (inside a write's transaction too). */
export async function readAnnotation({ ctx, id, client = db }: { ctx: WorkspaceContext; id: string; client?: Client }): Promise<AnnotationDto> {
  const row = await client.annotation.findFirst({ where: { id, workspaceId: ctx.workspace.id }, select: annotationSelect });
  if (!row) throw new AppError('NOT_FOUND', 'Annotation not found.');
  const passages = row.anchoredVersionId ? (await loadVersion({ workspaceId: ctx.workspace.id, versionId: row.anchoredVersionId, client })).passages : null;
  return toAnnotationDto(row, ctx, passages);
}

async function toDtos(
  rows: Prisma.AnnotationGetPayload<{ select: typeof annotationSelect }>[],
  viewer: ViewerContext,
  workspaceId: string,
): Promise<AnnotationDto[]> {
  const passages = await passagesByVersion({ workspaceId, versionIds: rows.flatMap((r) => (r.anchoredVersionId ? [r.anchoredVersionId] : [])) });
  const dtos = rows.map((row) => toAnnotationDto(row, viewer, row.anchoredVersionId ? (passages.get(row.anchoredVersionId) ?? null) : null));
  return maskProbabilities({ dtos, viewer, workspaceId });
}

/** Blind review: other reviewers' probability values on claims whose credences this viewer may not see yet. */
export async function maskProbabilities({ dtos, viewer, workspaceId }: { dtos: AnnotationDto[]; viewer: ViewerContext; workspaceId: string }): Promise<AnnotationDto[]> {
  const rated = dtos.filter((dto) => dto.kind === 'probability' && dto.probability !== null && dto.author.id !== viewer.userId);
  if (rated.length === 0) return dtos;
  const filter = await blindFilterFor({ workspaceId, viewer, claimIds: referencedClaimIds(rated) });
  return filter ? dtos.map((dto) => maskProbability(dto, viewer, filter)) : dtos;
}

/** GET annotations: filtered, in a stable order (creation time, then id), a page at a time. */
export async function listAnnotations({
  ctx,
  query,
}: {
  ctx: WorkspaceContext;
  /** parsed with listAnnotationsQuerySchema (the route handler does) */
  query: ListAnnotationsQuery;
}): Promise<AnnotationPage> {
  const q = query;
  const { userId } = ctx;
  const viewer: ViewerContext = ctx;
  const workspaceId = ctx.workspace.id;
  const where: Prisma.AnnotationWhereInput[] = [{ workspaceId }];
  if (q.deleted === 'true') {
    if (!userId) return { items: [], nextCursor: null };
    where.push({ deletedAt: { gte: new Date(Date.now() - RESTORE_WINDOW_MS) } });
    if (!ctx.can.deleteOthersAnnotations) where.push({ authorId: userId });
  } else {
    where.push({ deletedAt: null });
  }
  if (q.document) where.push({ documentId: (await requireDocument(ctx, q.document)).id });
  if (q.kind) where.push({ kind: q.kind });
  if (q.author) where.push({ authorId: q.author });
  if (q.claim) where.push({ OR: [{ claimId: q.claim }, { forClaimId: q.claim }] });
  if (q.ids) {
    const rows = await db.annotation.findMany({ where: { AND: [...where, { id: { in: q.ids } }] }, select: annotationSelect });
    const byId = new Map((await toDtos(rows, viewer, workspaceId)).map((dto) => [dto.id, dto]));
    return { items: q.ids.flatMap((id) => byId.get(id) ?? []), nextCursor: null };
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const at = new Date(c.t);
    where.push({ OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: c.id } }] });
  }
  const rows = await db.annotation.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: q.limit + 1,
    select: annotationSelect,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await toDtos(page, viewer, workspaceId),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.createdAt.getTime(), id: last.id }) : null,
  };
}

export async function getAnnotation({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<AnnotationDto> {
  const { userId } = ctx;
  const dto = await readAnnotation({ ctx, id });
  // a deleted annotation is visible only to whoever may restore it
  if (dto.deleted && !dto.can.restore && !(userId && dto.author.id === userId)) throw new AppError('NOT_FOUND', 'Annotation not found.');
  const [masked] = await maskProbabilities({ dtos: [dto], viewer: ctx, workspaceId: ctx.workspace.id });
  return masked as AnnotationDto;
}

const claimSelect = {
  id: true,
  statement: true,
  statementHidden: true,
  createdById: true,
  createdAt: true,
  mergedIntoId: true,
  createdBy: { select: { id: true, name: true } },
  credences: {
    where: { deletedAt: null },
    orderBy: { updatedAt: 'asc' },
    select: { value: true, updatedAt: true, user: { select: { id: true, name: true } } },
  },
  _count: { select: { annotations: { where: { deletedAt: null } } } },
} satisfies Prisma.ClaimSelect;

/** The API's view of the live claims among `ids` (creation order), anchors on `documentId` or on every document. */
export async function claimsByIds(workspaceId: string, ids: string[], viewer: ViewerContext, documentId: string | null): Promise<ClaimDto[]> {
  if (ids.length === 0) return [];
  const userId = viewer.userId;
  const [claims, anchors, filter] = await Promise.all([
    db.claim.findMany({ where: { workspaceId, id: { in: ids }, deletedAt: null }, orderBy: { createdAt: 'asc' }, select: claimSelect }),
    db.annotation.findMany({
      where: {
        workspaceId,
        claimId: { in: ids },
        // the claim's own text: every kind but evidence sits on it (a crux on K's text)
        kind: { not: 'evidence' },
        deletedAt: null,
        anchorStatus: { not: 'orphan' },
        ...(documentId ? { documentId } : {}),
      },
      orderBy: { createdAt: 'asc' },
      select: { id: true, claimId: true, documentId: true, anchoredStart: true, anchoredEnd: true },
    }),
    blindFilterFor({ workspaceId, viewer, claimIds: ids }),
  ]);
  const anchorsByClaim = new Map<string, typeof anchors>();
  for (const a of anchors) {
    if (!a.claimId) continue;
    const list = anchorsByClaim.get(a.claimId) ?? [];
    list.push(a);
    anchorsByClaim.set(a.claimId, list);
  }
  return claims.map((claim) => maskClaim({
    id: claim.id,
    statement: visibleStatement(viewer, claim),
    createdBy: claim.createdBy,
    createdAt: claim.createdAt.toISOString(),
    mergedInto: claim.mergedIntoId,
    credences: claim.credences.map((c) => ({ user: c.user, value: c.value, updatedAt: c.updatedAt.toISOString() })),
    myCredence: claim.credences.find((c) => c.user.id === userId)?.value ?? null,
    anchors: (anchorsByClaim.get(claim.id) ?? [])
      .filter((a) => a.anchoredStart !== null && a.anchoredEnd !== null)
      .map((a) => ({ annotationId: a.id, documentId: a.documentId, start: a.anchoredStart as number, end: a.anchoredEnd as number })),
    annotationCount: claim._count.annotations,
  }, filter));
}

/** GET claims: the workspace's claims (those referenced on a document, or overlapping a range of it). */
export async function listClaims({
  ctx,
  query,
}: {
  ctx: WorkspaceContext;
  query: z.input<typeof listClaimsQuerySchema>;
}): Promise<{ items: ClaimDto[]; nextCursor: null }> {
  const q = listClaimsQuerySchema.parse(query);
  const workspaceId = ctx.workspace.id;
  const documentId = q.document ? (await requireDocument(ctx, q.document)).id : null;
  const annotationWhere: Prisma.AnnotationWhereInput = { workspaceId, deletedAt: null, ...(documentId ? { documentId } : {}) };
  if (q.start !== undefined && q.end !== undefined) {
    Object.assign(annotationWhere, { anchoredStart: { lt: q.end }, anchoredEnd: { gt: q.start } });
  }
  const where: Prisma.ClaimWhereInput = {
    workspaceId,
    deletedAt: null,
    // a merged claim lives on in the claim it was merged into
    mergedIntoId: null,
    ...(documentId || q.start !== undefined ? { OR: [{ annotations: { some: annotationWhere } }, { cruxesFor: { some: annotationWhere } }] } : {}),
    ...(q.q ? { statement: { contains: q.q, mode: 'insensitive' as const } } : {}),
    // a hidden statement is not searched for those who may not read it
    ...(q.q && !hasRole(ctx.role, 'owner') ? { AND: [{ OR: [{ statementHidden: false }, ...(ctx.userId ? [{ createdById: ctx.userId }] : [])] }] } : {}),
  };
  const ids = await db.claim.findMany({ where, orderBy: { createdAt: 'asc' }, take: 2000, select: { id: true } });
  return { items: await claimsByIds(workspaceId, ids.map((c) => c.id), ctx, documentId), nextCursor: null };
}

export async function getClaim({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<ClaimDetailDto> {
  const workspaceId = ctx.workspace.id;
  const viewer: ViewerContext = ctx;
  const [[claim], revisions, filter] = await Promise.all([
    claimsByIds(workspaceId, [id], viewer, null),
    db.credenceRevision.findMany({
      where: { workspaceId, claimId: id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { value: true, createdAt: true, user: { select: { id: true, name: true } } },
    }),
    blindFilterFor({ workspaceId, viewer, claimIds: [id] }),
  ]);
  if (!claim) throw new AppError('NOT_FOUND', 'Claim not found.');
  const all = revisions.map((r) => ({ user: r.user, value: r.value, createdAt: r.createdAt.toISOString() }));
  return { ...claim, revisions: maskRevisions(id, all, filter) };
}
