// The claim page's pure parts: the spread of the visible credences, which round a revision falls in, the order of
// the strongest evidence, and grouping crux marks by the other claim.
import { quantileSorted } from '../aggregation/math';
import type { ClaimCruxDto, ClaimPageDto } from './types';

export function distributionOf(values: readonly number[]): ClaimPageDto['distribution'] {
  if (values.length === 0) return { n: 0, median: null, q1: null, q3: null, min: null, max: null };
  const sorted = Float64Array.from(values).sort();
  return {
    n: values.length,
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/**
 * The round each moment falls in, given the round starts of one document (round 1 at the document's creation,
 * then the opened rounds). A moment exactly at a round's start belongs to that round; before round 1, round 1.
 */
export function roundsAt(moments: readonly number[], starts: readonly { number: number; startsAt: number }[]): number[] {
  const sorted = [...starts].sort((a, b) => a.startsAt - b.startsAt || a.number - b.number);
  return moments.map((t) => {
    let round = sorted[0]?.number ?? 1;
    for (const s of sorted) {
      if (s.startsAt <= t) round = s.number;
      else break;
    }
    return round;
  });
}

/** Strongest first (strength 3 before 1), then the most recent. */
export function byStrength<T extends { strength: number; createdAt: string; annotationId: string }>(a: T, b: T): number {
  return b.strength - a.strength || b.createdAt.localeCompare(a.createdAt) || a.annotationId.localeCompare(b.annotationId);
}

/** Crux marks grouped by (other claim, direction): distinct reviewers counted, most-marked first, at most `cap`. */
export function groupCruxes(
  marks: readonly { annotationId: string; authorId: string; claim: { id: string; statement: string }; direction: 'more' | 'less' }[],
  cap: number,
): { items: ClaimCruxDto[]; total: number } {
  const groups = new Map<string, { claim: { id: string; statement: string }; direction: 'more' | 'less'; authors: Set<string>; annotationIds: string[] }>();
  for (const m of marks) {
    const key = `${m.claim.id}\n${m.direction}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { claim: m.claim, direction: m.direction, authors: new Set(), annotationIds: [] }));
    g.authors.add(m.authorId);
    g.annotationIds.push(m.annotationId);
  }
  const items = [...groups.values()]
    .map((g) => ({ claim: g.claim, direction: g.direction, reviewers: g.authors.size, annotationIds: g.annotationIds }))
    .sort((a, b) => b.reviewers - a.reviewers || a.claim.statement.localeCompare(b.claim.statement) || a.direction.localeCompare(b.direction));
  return { items: items.slice(0, cap), total: items.length };
}
