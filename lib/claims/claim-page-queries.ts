// Reads of a claim's page: everything `/w/:ws/claims/:id` and `GET …/claims/:id` show, in the request context's
// workspace, each list capped with its total. Credence values follow blind review exactly as the claim detail
// does (lib/annotations getClaim, lib/disagreement/blind.ts); hidden and deleted annotations and replies, and
// archived documents, are left out.
import { overlappingPassages } from '../anchoring';
import { getClaim } from '../annotations/queries';
import { HIDDEN_STATEMENT, seesHiddenStatement, statementSelect, visibleStatement } from '../context/hidden-statement';
import { passagesByVersion } from '../documents/version-queries';
import type { WorkspaceContext } from '../context/context';
import { db } from '../db';
import { AppError } from '../errors';
import type { RichTextDoc } from '../richtext/types';
import { byStrength, distributionOf, groupCruxes, roundsAt } from './claim-page';
import { UNMERGE_WINDOW_MS } from './merge-plan';
import { CLAIM_PAGE_CAPS as CAPS, type ClaimEvidenceDto, type ClaimPageDto, type ClaimRoundDto } from './types';

/** How many crux annotations are read to group them (each group is a claim and a direction). */
const CRUX_READ_CAP = 2000;

const liveAnnotation = (workspaceId: string) => ({ workspaceId, deletedAt: null, hiddenAt: null, document: { archivedAt: null } });

export async function getClaimPage({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<ClaimPageDto> {
  const workspaceId = ctx.workspace.id;
  const live = liveAnnotation(workspaceId);
  const evidenceSelect = {
    id: true,
    stance: true,
    strength: true,
    exact: true,
    rationale: true,
    rationaleText: true,
    sourceUrl: true,
    createdAt: true,
    anchoredVersionId: true,
    anchoredStart: true,
    anchoredEnd: true,
    author: { select: { id: true, name: true } },
    document: { select: { slug: true, title: true } },
  } as const;
  const evidenceOf = (stance: 'for' | 'against') =>
    db.annotation.findMany({
      where: { ...live, claimId: id, kind: 'evidence', stance },
      orderBy: [{ strength: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
      take: CAPS.evidence,
      select: evidenceSelect,
    });
  const replyWhere = {
    workspaceId,
    deletedAt: null,
    hiddenAt: null,
    annotation: { ...live, OR: [{ claimId: id }, { forClaimId: id }] },
  };
  const [claim, detail, history, historyCount, anchors, anchorCount, evidenceFor, evidenceAgainst, evidenceCounts, hingesOnRows, hingedOnRows, replies, replyCount, annotationCount] =
    await Promise.all([
      db.claim.findFirst({
        where: { id, workspaceId, deletedAt: null },
        select: { statement: true, statementHidden: true, createdAt: true, createdById: true, version: true, mergedIntoId: true, mergedAt: true, mergedById: true },
      }),
      getClaim({ ctx, id }),
      db.claimRevision.findMany({
        where: { workspaceId, claimId: id },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: CAPS.statementHistory,
        select: { statement: true, editedById: true, createdAt: true },
      }),
      db.claimRevision.count({ where: { workspaceId, claimId: id } }),
      db.annotation.findMany({
        where: { ...live, claimId: id, kind: { not: 'evidence' }, anchorStatus: { not: 'orphan' } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: CAPS.anchors,
        select: {
          id: true,
          kind: true,
          exact: true,
          documentId: true,
          anchoredVersionId: true,
          anchoredStart: true,
          anchoredEnd: true,
          author: { select: { id: true, name: true } },
          document: { select: { slug: true, title: true } },
        },
      }),
      db.annotation.count({ where: { ...live, claimId: id, kind: { not: 'evidence' }, anchorStatus: { not: 'orphan' } } }),
      evidenceOf('for'),
      evidenceOf('against'),
      db.annotation.groupBy({ by: ['stance'], where: { ...live, claimId: id, kind: 'evidence' }, _count: { _all: true } }),
      db.annotation.findMany({
        where: { ...live, forClaimId: id, kind: 'crux', claim: { deletedAt: null } },
        orderBy: { createdAt: 'desc' },
        take: CRUX_READ_CAP,
        select: { id: true, authorId: true, direction: true, claim: { select: { id: true, ...statementSelect } } },
      }),
      db.annotation.findMany({
        where: { ...live, claimId: id, kind: 'crux', forClaim: { deletedAt: null } },
        orderBy: { createdAt: 'desc' },
        take: CRUX_READ_CAP,
        select: { id: true, authorId: true, direction: true, forClaim: { select: { id: true, ...statementSelect } } },
      }),
      db.reply.findMany({
        where: replyWhere,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: CAPS.replies,
        select: {
          id: true,
          annotationId: true,
          parentId: true,
          body: true,
          bodyText: true,
          createdAt: true,
          author: { select: { id: true, name: true } },
          annotation: { select: { kind: true, document: { select: { slug: true } } } },
        },
      }),
      db.reply.count({ where: replyWhere }),
      db.annotation.count({ where: { ...live, OR: [{ claimId: id }, { forClaimId: id }] } }),
    ]);

  if (!claim) throw new AppError('NOT_FOUND', 'Claim not found.');

  // Rounds of the documents the claim is on (its anchors), by time.
  const documentIds = [...new Set([...anchors.map((a) => a.documentId)])].slice(0, 20);
  const editorIds = [...new Set(history.flatMap((h) => (h.editedById ? [h.editedById] : [])))];
  // The passage each anchor and piece of evidence starts in: the reader's address for it (#p-<passage id>).
  const [documents, passages, mergedIntoClaim, editors] = await Promise.all([
    documentIds.length
    ? db.document.findMany({
        where: { workspaceId, id: { in: documentIds } },
        select: { id: true, slug: true, title: true, createdAt: true, rounds: { orderBy: { number: 'asc' }, select: { number: true, openedAt: true } } },
      })
    : [],
    passagesByVersion({
      workspaceId,
      versionIds: [...anchors, ...evidenceFor, ...evidenceAgainst].flatMap((a) => (a.anchoredVersionId ? [a.anchoredVersionId] : [])),
    }),
    claim.mergedIntoId ? db.claim.findFirst({ where: { id: claim.mergedIntoId, workspaceId }, select: { id: true, ...statementSelect } }) : null,
    editorIds.length ? db.user.findMany({ where: { id: { in: editorIds } }, select: { id: true, name: true } }) : [],
  ]);
  const byDocument = new Map(documents.map((d) => [d.id, d]));
  const rounds: ClaimRoundDto[] = documentIds
    .flatMap((docId) => {
      const d = byDocument.get(docId);
      if (!d) return [];
      const base = { documentId: d.id, documentSlug: d.slug, documentTitle: d.title };
      return [{ ...base, number: 1, startsAt: d.createdAt.toISOString() }, ...d.rounds.map((r) => ({ ...base, number: r.number, startsAt: r.openedAt.toISOString() }))];
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.documentSlug.localeCompare(b.documentSlug) || a.number - b.number);
  const primary = documentIds[0];
  const primaryStarts = rounds.filter((r) => r.documentId === primary).map((r) => ({ number: r.number, startsAt: Date.parse(r.startsAt) }));

  const passageOf = (a: { anchoredVersionId: string | null; anchoredStart: number | null; anchoredEnd: number | null }): string | null => {
    const list = a.anchoredVersionId ? passages.get(a.anchoredVersionId) : undefined;
    if (!list || a.anchoredStart === null || a.anchoredEnd === null) return null;
    return overlappingPassages(list, a.anchoredStart, a.anchoredEnd)[0]?.id ?? null;
  };

  const editorById = new Map(editors.map((u) => [u.id, u]));
  // a hidden claim's history is hidden with its statement (detail.statement is already what the viewer may read)
  const statementHistory = claim.statementHidden && !seesHiddenStatement(ctx, claim.createdById)
    ? [{ statement: HIDDEN_STATEMENT, editedBy: detail.createdBy, createdAt: claim.createdAt.toISOString() }]
    : history.length > 0
      ? history.map((h) => ({ statement: h.statement, editedBy: (h.editedById && editorById.get(h.editedById)) || null, createdAt: h.createdAt.toISOString() }))
      : [{ statement: claim.statement, editedBy: detail.createdBy, createdAt: claim.createdAt.toISOString() }];

  const toEvidence = (row: Awaited<ReturnType<typeof evidenceOf>>[number]): ClaimEvidenceDto => ({
    annotationId: row.id,
    documentSlug: row.document.slug,
    documentTitle: row.document.title,
    stance: row.stance as 'for' | 'against',
    strength: (row.strength ?? 1) as 1 | 2 | 3,
    quote: row.exact,
    body: (row.rationale as RichTextDoc | null) ?? null,
    bodyText: row.rationaleText ?? '',
    source: row.sourceUrl,
    passageId: passageOf(row),
    author: row.author,
    createdAt: row.createdAt.toISOString(),
  });
  const countOf = (stance: 'for' | 'against') => evidenceCounts.find((c) => c.stance === stance)?._count._all ?? 0;
  const hingesOn = groupCruxes(
    hingesOnRows.flatMap((r) => (r.claim && r.direction ? [{ annotationId: r.id, authorId: r.authorId, claim: { id: r.claim.id, statement: visibleStatement(ctx, r.claim) }, direction: r.direction }] : [])),
    CAPS.cruxes,
  );
  const hingedOnBy = groupCruxes(
    hingedOnRows.flatMap((r) => (r.forClaim && r.direction ? [{ annotationId: r.id, authorId: r.authorId, claim: { id: r.forClaim.id, statement: visibleStatement(ctx, r.forClaim) }, direction: r.direction }] : [])),
    CAPS.cruxes,
  );

  const userId = ctx.userId;
  const isMerged = claim.mergedIntoId !== null;
  const isMine = userId !== null && claim.createdById === userId;
  const canMerge =
    !isMerged &&
    ctx.can.mergeClaim &&
    (ctx.can.mergeOthersClaims ||
      (isMine &&
        !(await db.annotation.findFirst({ where: { workspaceId, OR: [{ claimId: id }, { forClaimId: id }], authorId: { not: userId } }, select: { id: true } })) &&
        !(await db.credence.findFirst({ where: { workspaceId, claimId: id, userId: { not: userId } }, select: { id: true } }))));
  const withinWindow = claim.mergedAt !== null && Date.now() - claim.mergedAt.getTime() <= UNMERGE_WINDOW_MS;

  const revisions = detail.revisions.slice(-CAPS.revisions);
  return {
    ...detail,
    credences: detail.credences.slice(-CAPS.credences),
    revisions,
    anchors: anchors.map((a) => ({
      annotationId: a.id,
      documentId: a.documentId,
      start: a.anchoredStart as number,
      end: a.anchoredEnd as number,
      documentSlug: a.document.slug,
      documentTitle: a.document.title,
      kind: a.kind,
      quote: a.exact,
      passageId: passageOf(a),
      author: a.author,
    })),
    anchorCount,
    version: claim.version,
    mergedAt: claim.mergedAt?.toISOString() ?? null,
    mergedIntoClaim: mergedIntoClaim ? { id: mergedIntoClaim.id, statement: visibleStatement(ctx, mergedIntoClaim) } : null,
    statementHistory,
    distribution: distributionOf(detail.credences.map((c) => c.value)),
    rounds,
    revisionRounds: roundsAt(revisions.map((r) => Date.parse(r.createdAt)), primaryStarts),
    evidence: { for: evidenceFor.map(toEvidence).sort(byStrength), against: evidenceAgainst.map(toEvidence).sort(byStrength) },
    hingesOn: hingesOn.items,
    hingedOnBy: hingedOnBy.items,
    discussion: replies.map((r) => ({
      id: r.id,
      annotationId: r.annotationId,
      annotationKind: r.annotation.kind,
      documentSlug: r.annotation.document.slug,
      parentId: r.parentId,
      author: r.author,
      body: (r.body as RichTextDoc | null) ?? null,
      bodyText: r.bodyText,
      createdAt: r.createdAt.toISOString(),
    })),
    counts: {
      credences: detail.credences.length,
      revisions: detail.revisions.length,
      annotations: annotationCount,
      evidenceFor: countOf('for'),
      evidenceAgainst: countOf('against'),
      hingesOn: hingesOn.total,
      hingedOnBy: hingedOnBy.total,
      replies: replyCount,
      statementVersions: Math.max(historyCount, 1),
    },
    can: {
      edit: !isMerged && (isMine ? ctx.can.editClaim : ctx.can.editOthersClaims),
      merge: Boolean(canMerge),
      unmerge: isMerged && withinWindow && ctx.can.mergeClaim && (ctx.can.mergeOthersClaims || (userId !== null && claim.mergedById === userId)),
      rate: !isMerged && ctx.can.annotate,
    },
  };
}
