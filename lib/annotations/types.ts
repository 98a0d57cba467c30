// The JSON shapes of the annotation API (`/api/v1/workspaces/:ws/annotations`, `replies`, `claims`), shared by
// the server (lib/annotations) and the reading page. Dates are ISO strings.
import type { RichTextDoc } from '../richtext/types';

export const annotationKinds = ['claim', 'evidence', 'crux', 'probability'] as const;
export type AnnotationKind = (typeof annotationKinds)[number];
export type EvidenceStance = 'for' | 'against';
export type CruxDirection = 'more' | 'less';
export type AnchorStatus = 'anchored' | 'reanchored' | 'orphan';

export type UserRef = { id: string; name: string };
export type ClaimRef = { id: string; statement: string };

/** The W3C selectors as made: TextQuoteSelector (exact, prefix, suffix) + TextPositionSelector (start, end). */
export type AnnotationTarget = {
  versionId: string;
  versionNumber: number;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
};

/** Where the annotation sits on the document's current version (same as the target when made on it). */
export type AnnotationAnchor = {
  status: AnchorStatus;
  /** null for an orphan */
  versionId: string | null;
  start: number | null;
  end: number | null;
  /** ids of the current version's passages the anchored range overlaps, in order; [] for an orphan */
  passageIds: string[];
};

/** What the viewer may do with this annotation or reply. */
export type Permissions = { edit: boolean; delete: boolean; restore: boolean; hide: boolean; resolve: boolean; reply: boolean };

export type AnnotationDto = {
  id: string;
  workspaceId: string;
  documentId: string;
  documentSlug: string;
  kind: AnnotationKind;
  author: UserRef;
  /** claim: the claim made or joined; probability: the claim rated; evidence: the claim supported/opposed;
   *  crux: the crux claim K */
  claimId: string | null;
  claim: ClaimRef | null;
  probability: { claimId: string; value: number } | null;
  evidence: { claimId: string; stance: EvidenceStance; strength: 1 | 2 | 3; source: string | null } | null;
  /** "my view on forClaim hinges on claim": if claim is true, forClaim becomes `direction` likely */
  crux: { claimId: string; forClaimId: string; forClaim: ClaimRef; direction: CruxDirection } | null;
  target: AnnotationTarget;
  anchor: AnnotationAnchor;
  /** Tiptap JSON of the rationale (null when none, or hidden from this viewer) */
  body: RichTextDoc | null;
  bodyText: string;
  version: number;
  resolved: boolean;
  resolvedAt: string | null;
  hidden: boolean;
  deleted: boolean;
  deletedAt: string | null;
  replyCount: number;
  createdAt: string;
  updatedAt: string;
  can: Permissions;
};

export type ReplyDto = {
  id: string;
  annotationId: string;
  parentId: string | null;
  author: UserRef;
  body: RichTextDoc | null;
  bodyText: string;
  version: number;
  hidden: boolean;
  deleted: boolean;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
  can: Permissions;
};

export type CredenceDto = { user: UserRef; value: number; updatedAt: string };

export type ClaimDto = {
  id: string;
  statement: string;
  createdBy: UserRef;
  createdAt: string;
  /** the claim this one was merged into (everything it had is there now), or null */
  mergedInto: string | null;
  /** current credences, one per reviewer (soft-deleted excluded) */
  credences: CredenceDto[];
  /** the viewer's own current credence, if any */
  myCredence: number | null;
  /** where the claim's own text is, on the listed document's current version (claim annotations) */
  anchors: { annotationId: string; documentId: string; start: number; end: number }[];
  annotationCount: number;
  /**
   * Blind review: others' current credences on this claim are hidden from you until you rate it; `credences`
   * then holds only those revealed when the current round opened (none in round 1). See lib/disagreement/blind.ts.
   */
  credencesHidden?: boolean;
};

/** `GET …/claims?similar=`: a claim like the given text, with where it is used. */
export type SimilarClaimDto = ClaimDto & {
  /** trigram similarity to the text, 0..1 (pg_trgm: the better of whole-statement and word similarity) */
  similarity: number;
  /** the documents the claim's text is anchored on */
  documents: { id: string; slug: string; title: string }[];
};

export type ClaimDetailDto = ClaimDto & {
  /** every credence value ever given, oldest first */
  revisions: { user: UserRef; value: number; createdAt: string }[];
};

/** GET annotations: stable order (document position, then creation), cursor-paged. */
export type AnnotationPage = { items: AnnotationDto[]; nextCursor: string | null };

/** One annotation as the highlight layer and the margin's filters need it: small enough for thousands. */
export type HighlightSpan = {
  id: string;
  kind: AnnotationKind;
  start: number;
  end: number;
  authorId: string;
  claimId: string | null;
  /** crux: the claim C the crux bears on */
  forClaimId: string | null;
  stance: EvidenceStance | null;
  /** probability: the value */
  value: number | null;
};

/** A claim as the reading page's charts and pickers need it: the current credence values, no names. */
export type ClaimSummary = {
  id: string;
  statement: string;
  values: number[];
  myCredence: number | null;
  /** blind review: `values` are only those revealed so far, until you rate the claim (see ClaimDto) */
  credencesHidden?: boolean;
};

/**
 * What the reading page gets from the server in one go. Full annotations only for the first cards in document
 * order (`cards`) and for orphans; the rest are fetched by id as the margin scrolls (`GET annotations?ids=`).
 */
export type ReaderLayer = {
  /** every live annotation anchored on the current version, ordered by start, then creation */
  spans: HighlightSpan[];
  /** full annotations of the first `cards.length` spans */
  cards: AnnotationDto[];
  /** full annotations that lost their text in a newer version */
  orphans: AnnotationDto[];
  authors: UserRef[];
  claims: ClaimSummary[];
};
