// "Where we disagree most", the map's first screen: the most disputed claims, each with its distribution, the
// strongest reasons on each side, what it hinges on and where the opinion groups stand. Pure: the caller passes the
// credences the viewer may see and the reason candidates loaded for the chosen claims (lead-queries.ts).
import { ratingsOf, type CruxMark, type DoubleCrux, type EvidenceTally, type ImplicitCrux, type OpinionGroup, type Ratings } from '../aggregation';
import { compareIds, logit, mean, quantileSorted, sigmoid } from '../aggregation/math';
import { disagreementLevel, type DisagreementLevel } from './wording';

/** How many claims lead the map. */
export const LEAD_CLAIMS = 5;
/** Reasons shown per side: the strongest evidence and the most confident reviewer's rationale. */
export const REASONS_PER_SIDE = 2;
/** Cruxes shown per claim. */
export const LEAD_CRUXES = 3;
/** Bins of the distribution strip: 0–10%, 10–20%, …, 90–100% (1 falls in the last). */
export const DISTRIBUTION_BINS = 10;
/** Quotes and rationales are excerpts of at most this many characters, marked with an ellipsis when longer. */
export const QUOTE_CHARS = 240;
export const RATIONALE_CHARS = 360;

/** A reason candidate as lead-queries.ts loads it: an evidence annotation, or a reviewer's probability rationale. */
export type ReasonRow = {
  claimId: string;
  annotationId: string;
  kind: 'evidence' | 'probability';
  /** evidence: its stance; probability: null (the side comes from the author's credence) */
  stance: 'for' | 'against' | null;
  strength: number | null;
  sourceUrl: string | null;
  quote: string;
  rationale: string | null;
  author: { id: string; name: string };
  documentSlug: string;
};

export type LeadReason = {
  kind: 'evidence' | 'rationale';
  annotationId: string;
  author: { id: string; name: string };
  /** evidence: the quoted passage (an excerpt) */
  quote: string | null;
  rationale: string | null;
  sourceUrl: string | null;
  /** evidence: 1–3 when given */
  strength: number | null;
  /** rationale: the author's current credence */
  credence: number | null;
  documentSlug: string;
};

export type LeadCrux = {
  claimId: string;
  statement: string | null;
  /** reviewers who said their view on the claim hinges on this one */
  reviewers: number;
  /** two reviewers who disagree on the claim both marked it, and disagree on it too */
  isDouble: boolean;
  /** the credences suggest it (|Spearman ρ| × its spread), whether or not anyone marked it */
  isImplicit: boolean;
};

export type LeadGroupPosition = { group: number; n: number; aggregate: number; median: number };

export type MostDisputedClaim = {
  claimId: string;
  statement: string | null;
  /** blind review: the statistics are what was revealed at the current round's opening; no rationale's credence is shown */
  hidden: boolean;
  n: number;
  aggregate: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  disagreement: number;
  level: DisagreementLevel;
  /** how many credences fall in each tenth of 0–100% */
  distribution: number[];
  evidence: EvidenceTally;
  passageIds: string[];
  reasons: { for: LeadReason[]; against: LeadReason[] };
  cruxes: LeadCrux[];
  groups: LeadGroupPosition[];
};

type LeadCandidate = {
  claimId: string;
  statement: string | null;
  hidden: boolean;
  n: number;
  aggregate: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  disagreement: number | null;
  evidence: EvidenceTally;
  passageIds: string[];
};

/** The claims that lead: rated by two or more, with at least mild disagreement, most disagreement first (ties by id). */
export function leadClaims<T extends LeadCandidate>(claims: readonly T[], limit = LEAD_CLAIMS): T[] {
  return claims
    .filter((c) => c.n >= 2 && c.disagreement !== null && disagreementLevel(c.disagreement) !== 'none')
    .sort((a, b) => (b.disagreement as number) - (a.disagreement as number) || compareIds(a.claimId, b.claimId))
    .slice(0, limit);
}

/** An excerpt of at most `max` characters, cut at a word when one is near, with an ellipsis when anything was left out. */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Counts per tenth of 0–100%. */
export function distributionOf(values: readonly number[], bins = DISTRIBUTION_BINS): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor(v * bins)))]! += 1;
  return counts;
}

/**
 * The strongest reasons on each side of a claim: evidence by strength (then with a rationale first, then the
 * order loaded), one per side; and the rationale of the reviewer most confident on each side (furthest from 50%).
 * On a claim hidden by blind review no rationale is used: its side would tell the author's credence.
 */
export function reasonsFor(
  rows: readonly ReasonRow[],
  credences: ReadonlyMap<string, number>,
  hidden: boolean,
): { for: LeadReason[]; against: LeadReason[] } {
  const out: { for: LeadReason[]; against: LeadReason[] } = { for: [], against: [] };
  const evidence = rows
    .filter((r) => r.kind === 'evidence' && r.stance !== null)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.strength ?? 0) - (a.r.strength ?? 0) || Number(!a.r.rationale) - Number(!b.r.rationale) || a.i - b.i);
  for (const side of ['for', 'against'] as const) {
    const best = evidence.find((e) => e.r.stance === side)?.r;
    if (best) out[side].push(toReason(best, 'evidence', null));
  }
  if (hidden) return out;
  const rationales = rows
    .filter((r) => r.kind === 'probability' && r.rationale && credences.has(r.author.id))
    .map((r) => ({ r, p: credences.get(r.author.id) as number }))
    .filter((x) => x.p !== 0.5)
    .sort((a, b) => Math.abs(b.p - 0.5) - Math.abs(a.p - 0.5) || compareIds(a.r.author.id, b.r.author.id));
  for (const side of ['for', 'against'] as const) {
    const best = rationales.find((x) => (side === 'for' ? x.p > 0.5 : x.p < 0.5));
    if (best && out[side].length < REASONS_PER_SIDE) out[side].push(toReason(best.r, 'rationale', best.p));
  }
  return out;
}

function toReason(row: ReasonRow, kind: LeadReason['kind'], credence: number | null): LeadReason {
  return {
    kind,
    annotationId: row.annotationId,
    author: row.author,
    quote: kind === 'evidence' && row.quote.trim() ? excerpt(row.quote, QUOTE_CHARS) : null,
    rationale: row.rationale?.trim() ? excerpt(row.rationale, RATIONALE_CHARS) : null,
    sourceUrl: row.sourceUrl,
    strength: row.strength,
    credence,
    documentSlug: row.documentSlug,
  };
}

/**
 * What a claim hinges on: the claims reviewers marked as its cruxes (most reviewers first), then those the
 * credences suggest (implicit cruxes, by score), at most LEAD_CRUXES.
 */
export function cruxesFor(
  claimId: string,
  marks: readonly CruxMark[],
  doubles: readonly DoubleCrux[],
  implicit: readonly ImplicitCrux[],
  statements: ReadonlyMap<string, string | null>,
): LeadCrux[] {
  const reviewers = new Map<string, Set<string>>();
  for (const m of marks) {
    if (m.forClaimId !== claimId || m.cruxClaimId === claimId) continue;
    let set = reviewers.get(m.cruxClaimId);
    if (!set) reviewers.set(m.cruxClaimId, (set = new Set()));
    set.add(m.reviewerId);
  }
  const double = new Set(doubles.filter((d) => d.forClaimId === claimId).map((d) => d.cruxClaimId));
  const implicitIds = implicit
    .filter((x) => x.forClaimId === claimId && x.cruxClaimId !== claimId)
    .sort((a, b) => b.score - a.score || compareIds(a.cruxClaimId, b.cruxClaimId))
    .map((x) => x.cruxClaimId);
  const implicitSet = new Set(implicitIds);
  const marked = [...reviewers]
    .sort((a, b) => Number(double.has(b[0])) - Number(double.has(a[0])) || b[1].size - a[1].size || compareIds(a[0], b[0]))
    .map(([id, set]) => ({ id, reviewers: set.size }));
  const ids = [...marked, ...implicitIds.filter((id) => !reviewers.has(id)).map((id) => ({ id, reviewers: 0 }))].slice(0, LEAD_CRUXES);
  return ids.map(({ id, reviewers: count }) => ({
    claimId: id,
    statement: statements.get(id) ?? null,
    reviewers: count,
    isDouble: double.has(id),
    isImplicit: implicitSet.has(id),
  }));
}

/** Each opinion group's position on a claim, from the members' credences (groups with no rating on it left out). */
export function groupPositions(values: ReadonlyMap<string, number>, groups: readonly OpinionGroup[]): LeadGroupPosition[] {
  const out: LeadGroupPosition[] = [];
  for (const group of groups) {
    const ps: number[] = [];
    for (const m of group.members) {
      const p = values.get(m.reviewerId);
      if (p !== undefined) ps.push(p);
    }
    if (ps.length === 0) continue;
    const sorted = Float64Array.from(ps).sort();
    out.push({ group: group.index, n: ps.length, aggregate: sigmoid(mean(ps.map(logit))), median: quantileSorted(sorted, 0.5) });
  }
  return out;
}

/**
 * The lead of a map: for each of the most disputed claims (leadClaims), its statistics, distribution, reasons,
 * cruxes and group positions, all from what the viewer may see (`ratings` are the visible credences).
 */
export function mostDisputedOf({
  claims,
  ratings,
  groups,
  cruxMarks,
  doubleCruxes,
  implicitCruxes,
  reasons,
}: {
  claims: readonly LeadCandidate[];
  ratings: Ratings;
  groups: readonly OpinionGroup[];
  cruxMarks: readonly CruxMark[];
  doubleCruxes: readonly DoubleCrux[];
  implicitCruxes: readonly ImplicitCrux[];
  reasons: readonly ReasonRow[];
}): MostDisputedClaim[] {
  const lead = leadClaims(claims);
  const wanted = new Set(lead.map((c) => c.claimId));
  const byClaim = new Map<string, Map<string, number>>();
  for (const r of ratingsOf(ratings, (claimId) => wanted.has(claimId))) {
    let m = byClaim.get(r.claimId);
    if (!m) byClaim.set(r.claimId, (m = new Map<string, number>()));
    m.set(r.reviewerId, r.value);
  }
  const statements = new Map(claims.map((c) => [c.claimId, c.statement]));
  return lead.map((c) => {
    const values: Map<string, number> = byClaim.get(c.claimId) ?? new Map<string, number>();
    const ps = [...values.values()];
    let min = 1;
    let max = 0;
    for (const p of ps) {
      if (p < min) min = p;
      if (p > max) max = p;
    }
    return {
      claimId: c.claimId,
      statement: c.statement,
      hidden: c.hidden,
      n: c.n,
      aggregate: c.aggregate as number,
      median: c.median as number,
      q1: c.q1 as number,
      q3: c.q3 as number,
      min,
      max,
      disagreement: c.disagreement as number,
      level: disagreementLevel(c.disagreement as number),
      distribution: distributionOf(ps),
      evidence: c.evidence,
      passageIds: c.passageIds.slice(0, 1),
      reasons: reasonsFor(
        reasons.filter((r) => r.claimId === c.claimId),
        values,
        c.hidden,
      ),
      cruxes: cruxesFor(c.claimId, cruxMarks, doubleCruxes, implicitCruxes, statements),
      groups: groupPositions(values, groups),
    };
  });
}
