// The JSON of the disagreement map endpoint and of rounds (safe to import from the client). Dates are ISO strings.
import type { DisagreementMap, MapClaim, OpinionGroup, PairStats, RoundClaimStats } from '../aggregation';
import type { MostDisputedClaim } from './lead';

export type { LeadCrux, LeadGroupPosition, LeadReason, MostDisputedClaim } from './lead';

export type MapRound = {
  number: number;
  /** null for round 1, which opens with the document */
  roundId: string | null;
  startsAt: string;
  /** null for the current round */
  endsAt: string | null;
  /**
   * each listed claim's (those in the answer's `claims`) panel size, aggregate and spread of ℓ at the round's end
   * (the current round: now), if it was rated then, by claim id
   */
  claims: RoundClaimStats[];
  /** how many claims were rated at the round's end, listed or not */
  claimsTotal: number;
  /** the mean and the median spread of ℓ over all of them (null when none) */
  meanSpread: number | null;
  medianSpread: number | null;
};

export type MapClaimView = MapClaim & {
  /**
   * Blind review: others' current credences on this claim are hidden from you (you have not rated it); its
   * statistics cover only the credences revealed when the current round opened (none in round 1).
   */
  hidden: boolean;
};

/** `?pairs=N` lists the N least and the N most agreeing reviewer pairs; without it, N is this. */
export const DEFAULT_MAP_PAIRS = 50;
/** The largest N `?pairs=` accepts (2 000 pairs listed at most). */
export const MAX_MAP_PAIRS = 1000;

/**
 * `?claims=N` lists N claims of the ranking (most disagreement first), from `?claimsOffset=K` (0 by default); without
 * it, N is this. `claimsTotal` counts them all.
 */
export const DEFAULT_MAP_CLAIMS = 500;
/** The largest N `?claims=` accepts. */
export const MAX_MAP_CLAIMS = 10_000;

/** Each opinion group lists at most this many representative claims, the most representative first. */
export const MAX_REPRESENTATIVE_CLAIMS = 20;

/** An opinion group as the answer lists it: its most representative claims, and how many there are in all. */
export type MapGroup = OpinionGroup & { representativeTotal: number };

/** The part of the answer that is computed and cached per (document, data version, what the viewer may see). */
export type MapBody = Omit<DisagreementMap, 'claims' | 'rounds' | 'pairRanking' | 'groups' | 'doubleCruxes' | 'cruxLinks'> & {
  groups: MapGroup[];
  /** the double cruxes over the listed claims (by C, the claim disagreed on: `forClaimId`), marked ones first */
  doubleCruxes: DisagreementMap['doubleCruxes'];
  /** how many double cruxes the map has (over the listed claims and the rest) */
  doubleCruxesTotal: number;
  /** the crux links into the listed claims (by C, the claim that hinges on K: `forClaimId`), by id */
  cruxLinks: DisagreementMap['cruxLinks'];
  /** how many crux links the map has */
  cruxLinksTotal: number;
  /**
   * The reviewer pairs at both ends of the ranking (most distant first): the N least agreeing, then the N most
   * agreeing (`?pairs=N`, 50 by default); every pair when there are at most 2N.
   */
  pairs: PairStats[];
  /** how many pairs there are (reviewers sharing at least 3 rated claims) */
  pairsTotal: number;
  computedAt: string;
  /** the document's current round */
  round: { number: number; openedAt: string } | null;
  /** the reviewers whose credences the statistics use, by id */
  reviewers: { id: string; name: string }[];
  /**
   * The claims from `?claimsOffset=K` (0 by default), at most `?claims=N` (500 by default) of them, most
   * disagreement first (claims nobody rated last), ties by id; `credences`, each round's `claims`, `doubleCruxes`
   * and `cruxLinks` cover the same.
   */
  claims: MapClaimView[];
  /** how many claims the map has (those listed and the rest) */
  claimsTotal: number;
  rounds: MapRound[];
  /**
   * "Where we disagree most": the (at most five) claims rated by two or more with the most disagreement, each with
   * its distribution, the strongest reasons on each side, its cruxes and the opinion groups' positions, from the
   * credences the viewer may see (no rationale on a claim hidden by blind review).
   */
  mostDisputed: MostDisputedClaim[];
};

/**
 * `?credences=true`: each claim's individual credences as the viewer may see them, by claim id: parallel arrays of
 * positions in the map's `reviewers` and values (unclipped).
 */
export type MapCredences = Record<string, { reviewers: number[]; values: number[] }>;

/** GET /api/v1/workspaces/:ws/documents/:doc/disagreement */
export type DisagreementMapResponse = {
  document: { id: string; slug: string; title: string; version: number };
  /** changes whenever a write to the workspace commits; equal values mean equal numbers */
  dataVersion: string;
  /** the document is under blind review */
  blind: boolean;
  /** only with `?credences=true` */
  credences?: MapCredences;
} & MapBody;

export type RoundDto = {
  /** null for round 1, which opens with the document */
  id: string | null;
  number: number;
  openedAt: string;
  openedBy: { id: string; name: string } | null;
};
