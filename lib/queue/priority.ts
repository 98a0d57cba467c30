// The rating queue's order (pure): what one more rating adds to the map. Claims with a thin panel first (fewer
// ratings, fewer first), then those the panel disagrees on most, then those that are cruxes for disputed claims.
// One number realises that order:
//   priority = 1000·max(0, 5 − n) + 100·min(disagreement, 9.99) + min(cruxFor, 0.99)
// where n is the claim's number of ratings, disagreement the map's (shrunk spread of log-odds; 0 when unknown or
// hidden by blind review) and cruxFor the largest disagreement among the claims it is a crux for (capped below 1).
// The thin-panel term dominates (a claim rated by 4 always comes before one rated by 5 or more), disagreement
// decides within a tier to 0.01, crux value breaks what remains; ties by claim id.

/** A claim is "thinly rated" below this many ratings: the map's numbers rest on too few. */
export const THIN_PANEL = 5;
/** The disagreement the map calls moderate (lib/disagreement/wording.ts). */
export const DISPUTED = 0.6;
/** At most this many items in one answer. */
export const MAX_QUEUE_ITEMS = 50;

export type QueueCandidate = {
  claimId: string;
  statement: string;
  /** how many reviewers rated it */
  n: number;
  /** the map's disagreement on it; null when too few ratings or hidden from this viewer by blind review */
  disagreement: number | null;
  /** the most disputed claim this one is a crux for (K of a crux link whose C is disputed) */
  cruxFor: { statement: string; disagreement: number } | null;
};

export type QueueItem = { claimId: string; statement: string; reason: string; priority: number };

export function priorityOf(candidate: Pick<QueueCandidate, 'n' | 'disagreement' | 'cruxFor'>): number {
  const thin = Math.max(0, THIN_PANEL - candidate.n);
  const disagreement = Math.min(Math.max(candidate.disagreement ?? 0, 0), 9.99);
  const crux = Math.min(Math.max(candidate.cruxFor?.disagreement ?? 0, 0), 0.99);
  return Math.round((1000 * thin + 100 * disagreement + crux) * 1e6) / 1e6;
}

const clip = (text: string, max = 80): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** Why this claim is in my queue, in words: the first of the three reasons that applies. */
export function reasonOf(candidate: QueueCandidate, raters: number): string {
  if (candidate.n < THIN_PANEL) {
    if (candidate.n === 0) return 'Nobody has rated this yet.';
    return `Only ${candidate.n} of ${raters} ${raters === 1 ? 'has' : 'have'} rated this.`;
  }
  if (candidate.disagreement !== null && candidate.disagreement >= DISPUTED) {
    return `Reviewers disagree on this (${candidate.n} ratings): one more view sharpens where they part.`;
  }
  if (candidate.cruxFor && candidate.cruxFor.disagreement >= DISPUTED) {
    return `A crux for a disputed claim: “${clip(candidate.cruxFor.statement)}”.`;
  }
  return `${candidate.n} ratings so far: yours adds to the panel.`;
}

/** The queue: candidates in priority order (highest first, ties by claim id), at most `limit`. */
export function orderQueue(candidates: readonly QueueCandidate[], raters: number, limit = MAX_QUEUE_ITEMS): QueueItem[] {
  return candidates
    .map((c) => ({ claimId: c.claimId, statement: c.statement, reason: reasonOf(c, raters), priority: priorityOf(c) }))
    .sort((a, b) => b.priority - a.priority || (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0))
    .slice(0, limit);
}
