// Merging claim B into claim A, the pure part: which requests are refused and why (field messages), how a
// reviewer who rated both ends up (the more recent live value becomes A's current one), and the shape of the
// bookkeeping that lets an unmerge restore every row exactly.

/** How long a merge can be undone. */
export const UNMERGE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** A credence row as stored (dates as ISO strings, so the bookkeeping round-trips through JSON exactly). */
export type CredenceRow = {
  id: string;
  workspaceId: string;
  claimId: string;
  userId: string;
  annotationId: string | null;
  value: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

/** A reviewer who rated both claims: B's row (removed by the merge) and A's row before and after it. */
export type FoldedCredence = {
  source: CredenceRow;
  /** B's revisions, re-pointed at A's credence row */
  revisionIds: string[];
  targetBefore: CredenceRow;
  targetAfter: CredenceRow;
};

/** What a merge changed, stored in ClaimMerge.undo. */
export type MergeUndo = {
  /** annotations whose claimId moved from B to A (deleted ones too: a restore must land on A) */
  claimIdMoved: string[];
  /** crux annotations whose forClaimId (C) moved from B to A */
  forClaimIdMoved: string[];
  /** live crux annotations between A and B, soft-deleted by the merge (a claim cannot be a crux for itself) */
  selfCruxesDeleted: string[];
  /** credence rows of reviewers who rated B only, re-pointed at A with their revisions */
  credencesMoved: string[];
  /** reviewers who rated both */
  folded: FoldedCredence[];
  /** crux links re-pointed from B to A, and which end moved (absent in merges made before crux links existed) */
  cruxLinksMoved?: { id: string; end: 'cruxClaimId' | 'forClaimId' }[];
  /**
   * conditionals moved from a colliding link on B (B, C) to A's link (A, C): those of reviewers who had none on
   * A's link (see lib/cruxes/merge.ts)
   */
  conditionalsMoved?: { id: string; fromLinkId: string }[];
};

export type ClaimState = { id: string; deletedAt: Date | null; mergedIntoId: string | null };

/** Field messages for a merge that cannot be made (422), or null when it can. */
export function mergeRefusal(source: ClaimState, target: ClaimState | null): Record<string, string[]> | null {
  if (source.mergedIntoId !== null) return { _: ['This claim is already merged into another claim; undo that merge first.'] };
  if (target === null) return { into: ['No such claim in this workspace.'] };
  if (target.id === source.id) return { into: ['A claim cannot be merged into itself.'] };
  if (target.deletedAt !== null) return { into: ['That claim was deleted.'] };
  if (target.mergedIntoId !== null) return { into: ['That claim was itself merged into another claim: merge into that one instead.'] };
  return null;
}

/** Field messages for an unmerge that cannot be made (422), or null when it can. */
export function unmergeRefusal(
  source: ClaimState & { mergedAt: Date | null },
  target: ClaimState | null,
  now: Date,
): Record<string, string[]> | null {
  if (source.mergedIntoId === null || source.mergedAt === null) return { _: ['This claim is not merged into another claim.'] };
  if (now.getTime() - source.mergedAt.getTime() > UNMERGE_WINDOW_MS) {
    return { _: ['A merge can be undone for 30 days; this one is older.'] };
  }
  if (target !== null && target.mergedIntoId !== null) {
    return { _: ['The claim it was merged into has since been merged into another one; undo that merge first.'] };
  }
  return null;
}

/**
 * A reviewer who rated both: A's row after the merge. Of the two live values the more recent (by when it was
 * given; a tie keeps A's) becomes A's current credence; a withdrawn (deleted) value never wins over a live one.
 */
export function foldCredence(target: CredenceRow, source: CredenceRow): CredenceRow {
  const targetLive = target.deletedAt === null;
  const sourceLive = source.deletedAt === null;
  const sourceWins = sourceLive && (!targetLive || Date.parse(source.updatedAt) > Date.parse(target.updatedAt));
  if (!sourceWins) return target;
  return { ...target, value: source.value, annotationId: source.annotationId, updatedAt: source.updatedAt, deletedAt: null };
}

/** Two credence rows are the same row, field for field. */
export function sameCredence(a: CredenceRow, b: CredenceRow): boolean {
  return (
    a.id === b.id &&
    a.claimId === b.claimId &&
    a.userId === b.userId &&
    a.annotationId === b.annotationId &&
    a.value === b.value &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.deletedAt === b.deletedAt
  );
}
