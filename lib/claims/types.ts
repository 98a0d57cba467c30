// The JSON of a claim's page (`GET /api/v1/workspaces/:ws/claims/:id`, and the page /w/:ws/claims/:id): the
// existing claim detail (lib/annotations/types.ts ClaimDetailDto) plus everything the page shows. Client-safe.
import type { AnnotationKind, ClaimDetailDto, ClaimRef, CruxDirection, UserRef } from '../annotations/types';
import type { RichTextDoc } from '../richtext/types';

/** Caps on every list of the page; each list has its total beside it. */
export const CLAIM_PAGE_CAPS = { credences: 200, revisions: 1000, anchors: 100, evidence: 50, cruxes: 50, replies: 100, statementHistory: 50 } as const;

export type ClaimAnchorDto = {
  annotationId: string;
  documentId: string;
  start: number;
  end: number;
  documentSlug: string;
  documentTitle: string;
  kind: AnnotationKind;
  quote: string;
  /** the passage of the document's current version where it starts: the reader's `#p-<passageId>` */
  passageId: string | null;
  author: UserRef;
};

export type ClaimEvidenceDto = {
  annotationId: string;
  documentSlug: string;
  documentTitle: string;
  stance: 'for' | 'against';
  strength: 1 | 2 | 3;
  quote: string;
  body: RichTextDoc | null;
  bodyText: string;
  source: string | null;
  passageId: string | null;
  author: UserRef;
  createdAt: string;
};

/** A crux link: the other claim, the direction, and how many reviewers marked it. */
export type ClaimCruxDto = { claim: ClaimRef; direction: CruxDirection; reviewers: number; annotationIds: string[] };

export type ClaimReplyDto = {
  id: string;
  annotationId: string;
  annotationKind: AnnotationKind;
  documentSlug: string;
  parentId: string | null;
  author: UserRef;
  body: RichTextDoc | null;
  bodyText: string;
  createdAt: string;
};

/** A round of review on a document the claim is on (rounds are per document; round 1 starts with the document). */
export type ClaimRoundDto = { documentId: string; documentSlug: string; documentTitle: string; number: number; startsAt: string };

export type ClaimPageDto = Omit<ClaimDetailDto, 'anchors'> & {
  /** the claim's own text wherever it is anchored, across documents (the existing fields, and where and what) */
  anchors: ClaimAnchorDto[];
  version: number;
  mergedAt: string | null;
  /** the claim it was merged into, with its statement (for the notice that leads there) */
  mergedIntoClaim: ClaimRef | null;
  /** every statement the claim has had, oldest first, the current one last (an unedited claim: just it) */
  statementHistory: { statement: string; editedBy: UserRef | null; createdAt: string }[];
  anchorCount: number;
  /** the credences' spread as this viewer may see them (null values when there are none) */
  distribution: { n: number; median: number | null; q1: number | null; q3: number | null; min: number | null; max: number | null };
  /** rounds of the documents the claim is on, by time */
  rounds: ClaimRoundDto[];
  /** per revision in `revisions` (same order): the round of the claim's first document it was given in */
  revisionRounds: number[];
  evidence: { for: ClaimEvidenceDto[]; against: ClaimEvidenceDto[] };
  /** cruxes where this claim is C: the claims K it hinges on */
  hingesOn: ClaimCruxDto[];
  /** cruxes where this claim is K: the claims C that hinge on it */
  hingedOnBy: ClaimCruxDto[];
  discussion: ClaimReplyDto[];
  counts: {
    credences: number;
    revisions: number;
    annotations: number;
    evidenceFor: number;
    evidenceAgainst: number;
    hingesOn: number;
    hingedOnBy: number;
    replies: number;
    /** how many statements the claim has had (statementHistory shows the first 50) */
    statementVersions: number;
  };
  /** what this viewer may do here */
  can: { edit: boolean; merge: boolean; unmerge: boolean; rate: boolean };
};
