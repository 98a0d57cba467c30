// The rows aggregation reads (plain arrays the caller loads) and the JSON-ready shapes it returns.

/** A reviewer's current credence in a claim (latest revision, soft-deleted ones left out by the caller). */
export type Rating = { claimId: string; reviewerId: string; value: number };
/** One evidence annotation on a claim; a missing strength counts in the tally but adds 0 to the strength sum. */
export type EvidenceRow = { claimId: string; stance: 'for' | 'against'; strength: number | null };
/** "My view on forClaimId hinges on cruxClaimId", marked by reviewerId. */
export type CruxMark = { reviewerId: string; cruxClaimId: string; forClaimId: string };
/** The passages a claim's annotations overlap (and optionally its statement). */
export type ClaimTarget = { claimId: string; passageIds: readonly string[]; statement?: string };
export type ClaimInfo = { claimId: string; statement: string };
export type PassageActivity = { passageId: string; annotations: number; reviewers: number };
/** A credence revision: every value a reviewer's credence ever had, with when it was set. */
export type Revision = { claimId: string; reviewerId: string; value: number; createdAt: Date | number };
/** A round of a review, from startsAt to the next round's start (the last one is open-ended). */
export type Round = { id: string; startsAt: Date | number };

export type EvidenceTally = { for: number; against: number; forStrength: number; againstStrength: number };

/** Statistics of one claim's credences; all null when nobody rated it (n = 0). */
export type CredenceSummary = {
  n: number;
  aggregate: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  spread: number | null;
  split: number | null;
  bimodality: number | null;
  disagreement: number | null;
};

export type ClaimStats = { claimId: string } & CredenceSummary & { evidence: EvidenceTally; cruxCount: number };

export type PassageHeat = { passageId: string; heat: number; annotations: number; reviewers: number };

export type PairStats = {
  reviewerA: string;
  reviewerB: string;
  sharedClaims: number;
  /** mean |ℓ_A − ℓ_B| over the shared claims */
  meanAbsLogitDiff: number;
  /** share of the shared claims both put on the same side of 0.5 (both above, both below or both exactly 0.5) */
  sameSideShare: number;
};

/**
 * Every reported pair, most distant first (ties by reviewerA's id, then reviewerB's): pair k of the ranking is
 * reviewers `a[k]` < `b[k]` (indices into `reviewerIds`, which are sorted by id) with its shared claims, mean
 * |ℓ_A − ℓ_B| and same-side share.
 */
export type PairRanking = {
  reviewerIds: readonly string[];
  total: number;
  a: Int32Array;
  b: Int32Array;
  shared: Int32Array;
  meanAbsLogitDiff: Float64Array;
  sameSideShare: Float64Array;
};

export type GroupMember = { reviewerId: string; x: number; y: number };
export type RepresentativeClaim = {
  claimId: string;
  /** Welch-style (mean ℓ in the group − mean ℓ of the rest) / standard error; negative: the group believes it less */
  z: number;
  /** geometric mean of odds inside the group and among the rest, as probabilities */
  groupP: number;
  restP: number;
  groupN: number;
  restN: number;
};
export type OpinionGroup = { index: number; members: GroupMember[]; representative: RepresentativeClaim[] };
export type ConsensusClaim = { claimId: string; side: 'above' | 'below'; groupP: number[] };
export type PlacedReviewer = GroupMember & { group: number | null };
export type OpinionGroups = {
  /** every eligible reviewer with PCA coordinates; group is null when no grouping was made */
  reviewers: PlacedReviewer[];
  groups: OpinionGroup[];
  consensus: ConsensusClaim[];
  /** mean silhouette of the chosen clustering; null when there are no groups */
  silhouette: number | null;
};

export type DoubleCruxPair = { reviewerA: string; reviewerB: string; deltaFor: number; deltaCrux: number };
/** A pair whose conditionals show K resolving at least half of a gap of at least 0.2 on C (see conditionals.ts). */
export type NumbersDoubleCruxPair = { reviewerA: string; reviewerB: string; gap: number; resolvedShare: number };
/** Double cruxes, labelled by how they were found: two reviewers' crux marks, or their conditional credences. */
export type DoubleCrux =
  | { foundBy: 'marked'; cruxClaimId: string; forClaimId: string; pairs: DoubleCruxPair[] }
  | { foundBy: 'numbers'; cruxClaimId: string; forClaimId: string; pairs: NumbersDoubleCruxPair[] };
export type MarkedDoubleCrux = Extract<DoubleCrux, { foundBy: 'marked' }>;
export type NumbersDoubleCrux = Extract<DoubleCrux, { foundBy: 'numbers' }>;
/** An implicit crux that survived the permutation test and Benjamini–Hochberg: p its permutation p-value, q its BH q-value. */
export type ImplicitCrux = {
  cruxClaimId: string;
  forClaimId: string;
  score: number;
  rho: number;
  cruxSpread: number;
  common: number;
  p: number;
  q: number;
};

/** A reviewer's conditional credences on one crux link: ifTrue = P(C | K), ifFalse = P(C | not K). */
export type Conditional = { reviewerId: string; ifTrue: number; ifFalse: number };
/** A crux link (K = cruxClaimId, C = forClaimId) with everyone's conditionals (the caller filters for blind review). */
export type CruxLinkInput = {
  id: string;
  cruxClaimId: string;
  forClaimId: string;
  /** the most common direction among the marks; null when none/tied */
  direction: 'more' | 'less' | null;
  /** distinct reviewers whose crux annotations mark (K, C) */
  markedBy: number;
  conditionals: readonly Conditional[];
};
/** A crux link's numbers: n reviewers gave conditionals; expectedShift their mean expected shift (null when n = 0). */
export type CruxLinkStats = {
  id: string;
  cruxClaimId: string;
  forClaimId: string;
  direction: 'more' | 'less' | null;
  markedBy: number;
  n: number;
  expectedShift: number | null;
};

export type RoundClaimStats = { claimId: string; n: number; aggregate: number; spread: number };
export type RoundSpread = { roundId: string; startsAt: string; endsAt: string | null; claims: RoundClaimStats[] };

export type MapClaim = {
  claimId: string;
  statement: string | null;
  n: number;
  aggregate: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  spread: number | null;
  split: number | null;
  bimodality: number | null;
  disagreement: number | null;
  evidence: EvidenceTally;
  cruxCount: number;
  passageIds: string[];
  /** σ(μ + i_c) of the bridging factorisation; null when the claim was not in the fit */
  bridged: number | null;
  /** f_c, signed so the larger opinion group sits on the positive side; null when not in the fit */
  viewpoint: number | null;
  /** |f_c| above SPLITS_BY_VIEWPOINT (false when not in the fit) */
  splitsByViewpoint: boolean;
};

export type DisagreementMap = {
  claims: MapClaim[];
  passages: PassageHeat[];
  /** every reviewer pair, ranked (pairs.ts): the answer lists only its ends */
  pairRanking: PairRanking;
  alpha: number | null;
  groups: OpinionGroup[];
  consensus: ConsensusClaim[];
  doubleCruxes: DoubleCrux[];
  implicitCruxes: ImplicitCrux[];
  rounds: RoundSpread[];
  cruxLinks: CruxLinkStats[];
};
