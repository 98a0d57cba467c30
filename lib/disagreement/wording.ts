// The map's numbers in words: how strong a claim's disagreement is, what range the reviewers' credences span, and
// the evidence tally as counts. Pure and safe to import from the client.

/**
 * The disagreement measure (lib/aggregation/claims.ts) is the population standard deviation of the reviewers'
 * log-odds, times n / (n + 3) so that small panels count less. These are its lower bounds per level. For scale:
 * two equal camps at 40% and 60% give a log-odds spread of 0.41, at 30%/70% 0.85, at 20%/80% 1.39, at 10%/90% 2.2
 * (before the small-panel factor, which is 0.77 for 10 reviewers).
 */
export const DISAGREEMENT_LEVELS = { mild: 0.25, moderate: 0.6, strong: 1 } as const;

export type DisagreementLevel = 'none' | 'mild' | 'moderate' | 'strong';

/** The level of a disagreement value (see DISAGREEMENT_LEVELS); NaN or a negative value throws. */
export function disagreementLevel(disagreement: number): DisagreementLevel {
  if (!(disagreement >= 0)) throw new RangeError(`disagreement ${disagreement} is not a non-negative number`);
  if (disagreement >= DISAGREEMENT_LEVELS.strong) return 'strong';
  if (disagreement >= DISAGREEMENT_LEVELS.moderate) return 'moderate';
  if (disagreement >= DISAGREEMENT_LEVELS.mild) return 'mild';
  return 'none';
}

const pct = (p: number): string => `${Math.round(p * 100)}%`;

/** "1 reviewer", "2 reviewers" (the same rule as app/_components/format.ts `plural`). */
const count = (n: number, singular: string, pluralForm = `${singular}s`): string => `${n} ${n === 1 ? singular : pluralForm}`;

export type DisagreementSummary = { level: DisagreementLevel | null; headline: string; detail: string; text: string };

/**
 * One claim's disagreement as words: a headline ("strong disagreement") and what the credences span ("the middle
 * half of reviewers spans 22%–81%"); with fewer than four reviewers the middle half means little, so their range
 * (min and max, when given) is said instead.
 */
export function describeDisagreement(claim: {
  n: number;
  disagreement: number | null;
  q1: number | null;
  q3: number | null;
  median?: number | null;
  min?: number | null;
  max?: number | null;
}): DisagreementSummary {
  const { n } = claim;
  const join = (headline: string, detail: string, level: DisagreementLevel | null): DisagreementSummary => ({
    level,
    headline,
    detail,
    text: detail ? `${headline}: ${detail}` : headline,
  });
  if (n === 0 || claim.disagreement === null) return join('not rated yet', '', null);
  if (n === 1) {
    const value = claim.median ?? claim.min ?? null;
    return join('one reviewer so far', value === null ? '' : pct(value), null);
  }
  const level = disagreementLevel(claim.disagreement);
  const headline = level === 'none' ? 'no real disagreement' : `${level} disagreement`;
  if (n < 4 && claim.min != null && claim.max != null) {
    const detail = claim.min === claim.max ? `all ${n} reviewers say ${pct(claim.min)}` : `the ${n} reviewers range from ${pct(claim.min)} to ${pct(claim.max)}`;
    return join(headline, detail, level);
  }
  if (claim.q1 === null || claim.q3 === null) return join(headline, count(n, 'reviewer'), level);
  const span = Math.round(claim.q1 * 100) === Math.round(claim.q3 * 100) ? `sits at ${pct(claim.q1)}` : `spans ${pct(claim.q1)}–${pct(claim.q3)}`;
  return join(headline, `the middle half of ${n < 4 ? 'the credences' : 'reviewers'} ${span}`, level);
}

/** An evidence tally as counts: "2 for · 1 against", "none". */
export function evidenceCounts(tally: { for: number; against: number }): string {
  if (tally.for === 0 && tally.against === 0) return 'none';
  return `${tally.for} for · ${tally.against} against`;
}
