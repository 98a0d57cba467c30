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

export type DisagreementSummary = {
  level: DisagreementLevel | null;
  /** "strong disagreement" */
  headline: string;
  /** "the middle half of reviewers spans 22%–81%, all 12 between 5% and 97%" */
  detail: string;
  /** headline and detail: "strong disagreement: the middle half …" */
  text: string;
  /** the span alone, for a table cell: "middle half 22%–81%", "range 20%–80%", "all at 50%" */
  brief: string;
};

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
  const join = (headline: string, detail: string, level: DisagreementLevel | null, brief = detail): DisagreementSummary => ({
    level,
    headline,
    detail,
    text: detail ? `${headline}: ${detail}` : headline,
    brief,
  });
  if (n === 0 || claim.disagreement === null) return join('not rated yet', '', null);
  if (n === 1) {
    const value = claim.median ?? claim.min ?? null;
    return join('one reviewer so far', value === null ? '' : pct(value), null);
  }
  const level = disagreementLevel(claim.disagreement);
  const headline = level === 'none' ? 'no real disagreement' : `${level} disagreement`;
  const same = (a: number, b: number) => Math.round(a * 100) === Math.round(b * 100);
  const hasRange = claim.min != null && claim.max != null;
  if (n < 4 && hasRange) {
    const [min, max] = [claim.min as number, claim.max as number];
    return same(min, max)
      ? join(headline, `all ${n} reviewers say ${pct(min)}`, level, `all at ${pct(min)}`)
      : join(headline, `the ${n} reviewers range from ${pct(min)} to ${pct(max)}`, level, `range ${pct(min)}–${pct(max)}`);
  }
  if (claim.q1 === null || claim.q3 === null) return join(headline, count(n, 'reviewer'), level);
  const [q1, q3] = [claim.q1, claim.q3];
  const span = same(q1, q3) ? `sits at ${pct(q1)}` : `spans ${pct(q1)}–${pct(q3)}`;
  // the tails matter too: the measure weighs them (in log-odds), so say where everyone is when they reach further
  const tails = hasRange && !(same(claim.min as number, q1) && same(claim.max as number, q3)) ? `, all ${n} between ${pct(claim.min as number)} and ${pct(claim.max as number)}` : '';
  return join(headline, `the middle half of ${n < 4 ? 'the credences' : 'reviewers'} ${span}${tails}`, level, same(q1, q3) ? `middle half at ${pct(q1)}` : `middle half ${pct(q1)}–${pct(q3)}`);
}

/** An evidence tally as counts: "2 for · 1 against", "none". */
export function evidenceCounts(tally: { for: number; against: number }): string {
  if (tally.for === 0 && tally.against === 0) return 'none';
  return `${tally.for} for · ${tally.against} against`;
}
