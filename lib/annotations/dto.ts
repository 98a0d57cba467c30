// Rows to the API's JSON: what a viewer sees of an annotation or reply (hidden content only to owners and the
// author), and what they may do with it.
import type { Prisma, Role } from '../generated/prisma/client';
import type { PassageRange } from '../documents/version-queries';
import type { RichTextDoc } from '../richtext/types';
import { hasRole } from '../context/context';
import { overlappingPassages } from '../anchoring';
import { statementSelect, visibleStatement } from '../context/hidden-statement';
import type { AnnotationDto, Permissions, ReplyDto } from './types';

/** Soft-deleted annotations and replies can be restored for this long. */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** Who looks: the request context's user and role (a WorkspaceContext is one). */
export type ViewerContext = { userId: string | null; role: Role | null };

export const annotationSelect = {
  id: true,
  workspaceId: true,
  documentId: true,
  versionId: true,
  authorId: true,
  kind: true,
  claimId: true,
  forClaimId: true,
  stance: true,
  strength: true,
  sourceUrl: true,
  direction: true,
  value: true,
  rationale: true,
  rationaleText: true,
  exact: true,
  prefix: true,
  suffix: true,
  start: true,
  end: true,
  anchorStatus: true,
  anchoredVersionId: true,
  anchoredStart: true,
  anchoredEnd: true,
  version: true,
  resolvedAt: true,
  hiddenAt: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  claim: { select: { id: true, ...statementSelect } },
  forClaim: { select: { id: true, ...statementSelect } },
  document: { select: { slug: true } },
  madeOn: { select: { number: true } },
  _count: { select: { replies: { where: { deletedAt: null } } } },
} satisfies Prisma.AnnotationSelect;

export type AnnotationRow = Prisma.AnnotationGetPayload<{ select: typeof annotationSelect }>;

export const replySelect = {
  id: true,
  annotationId: true,
  parentId: true,
  authorId: true,
  body: true,
  bodyText: true,
  version: true,
  hiddenAt: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  annotation: { select: { deletedAt: true } },
} satisfies Prisma.ReplySelect;

export type ReplyRow = Prisma.ReplyGetPayload<{ select: typeof replySelect }>;

const restorable = (deletedAt: Date | null, now = Date.now()): boolean =>
  deletedAt !== null && now - deletedAt.getTime() < RESTORE_WINDOW_MS;

function permissions(viewer: ViewerContext, authorId: string, deletedAt: Date | null, parentDeleted = false): Permissions {
  const isAuthor = viewer.userId !== null && viewer.userId === authorId;
  const reviewer = hasRole(viewer.role, 'reviewer');
  const owner = hasRole(viewer.role, 'owner');
  const live = deletedAt === null && !parentDeleted;
  return {
    edit: live && isAuthor && reviewer,
    delete: live && ((isAuthor && reviewer) || owner),
    restore: !parentDeleted && restorable(deletedAt) && ((isAuthor && reviewer) || owner),
    hide: live && owner,
    resolve: live && reviewer,
    reply: live && reviewer,
  };
}

/** May this viewer read a hidden item's content? Owners and its author. */
const seesHidden = (viewer: ViewerContext, authorId: string): boolean =>
  hasRole(viewer.role, 'owner') || (viewer.userId !== null && viewer.userId === authorId);

export function toAnnotationDto(row: AnnotationRow, viewer: ViewerContext, currentPassages: readonly PassageRange[] | null): AnnotationDto {
  const showContent = row.hiddenAt === null || seesHidden(viewer, row.authorId);
  const claim = row.claim ? { id: row.claim.id, statement: visibleStatement(viewer, row.claim) } : null;
  const anchored = row.anchorStatus !== 'orphan' && row.anchoredStart !== null && row.anchoredEnd !== null;
  const kind = row.kind;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    documentId: row.documentId,
    documentSlug: row.document.slug,
    kind,
    author: row.author,
    claimId: row.claimId,
    claim,
    probability: kind === 'probability' && row.claimId !== null && row.value !== null ? { claimId: row.claimId, value: row.value } : null,
    evidence:
      kind === 'evidence' && row.claimId !== null && row.stance !== null && row.strength !== null
        ? { claimId: row.claimId, stance: row.stance, strength: row.strength as 1 | 2 | 3, source: showContent ? row.sourceUrl : null }
        : null,
    crux:
      kind === 'crux' && row.claimId !== null && row.forClaim !== null && row.direction !== null
        ? {
            claimId: row.claimId,
            forClaimId: row.forClaim.id,
            forClaim: { id: row.forClaim.id, statement: visibleStatement(viewer, row.forClaim) },
            direction: row.direction,
          }
        : null,
    target: {
      versionId: row.versionId,
      versionNumber: row.madeOn.number,
      exact: row.exact,
      prefix: row.prefix,
      suffix: row.suffix,
      start: row.start,
      end: row.end,
    },
    anchor: {
      status: row.anchorStatus,
      versionId: anchored ? row.anchoredVersionId : null,
      start: anchored ? row.anchoredStart : null,
      end: anchored ? row.anchoredEnd : null,
      passageIds:
        anchored && currentPassages ? overlappingPassages(currentPassages, row.anchoredStart ?? 0, row.anchoredEnd ?? 0).map((p) => p.id) : [],
    },
    body: showContent ? ((row.rationale as RichTextDoc | null) ?? null) : null,
    bodyText: showContent ? (row.rationaleText ?? '') : '',
    version: row.version,
    resolved: row.resolvedAt !== null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    hidden: row.hiddenAt !== null,
    deleted: row.deletedAt !== null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    replyCount: row._count.replies,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: permissions(viewer, row.authorId, row.deletedAt),
  };
}

export function toReplyDto(row: ReplyRow, viewer: ViewerContext): ReplyDto {
  const showContent = row.hiddenAt === null || seesHidden(viewer, row.authorId);
  const can = permissions(viewer, row.authorId, row.deletedAt, row.annotation.deletedAt !== null);
  return {
    id: row.id,
    annotationId: row.annotationId,
    parentId: row.parentId,
    author: row.author,
    body: showContent ? (row.body as RichTextDoc) : null,
    bodyText: showContent ? row.bodyText : '',
    version: row.version,
    hidden: row.hiddenAt !== null,
    deleted: row.deletedAt !== null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    // a reply has no thread of its own to resolve
    can: { ...can, resolve: false },
  };
}
