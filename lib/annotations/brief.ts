// What a highlight says to a screen reader as its accessible description: brief — "claim, 12 ratings, median 81%"
// — with the detail (who, the statement, the thread) on demand in its card (Enter). Pure.
import { quantileSorted } from '../aggregation/math';
import type { AnnotationKind, EvidenceStance } from './types';

export type BriefInput = {
  kind: AnnotationKind;
  stance: EvidenceStance | null;
  /** probability: the value; null when blind review hides it from this viewer */
  value: number | null;
  /** the claim's current credences as this viewer may see them (claim, evidence and crux: the claim it is about) */
  ratings: readonly number[] | null;
  /** blind review hides the others' credences until the viewer rates the claim */
  ratingsHidden: boolean;
  /** new since the viewer's last visit */
  isNew: boolean;
};

/** "81%" */
export const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** The median (type-7 quantile 0.5, as the map's) of some values; at least one. */
export const medianOf = (values: readonly number[]): number => quantileSorted([...values].sort((a, b) => a - b), 0.5);

function ratingsWords(ratings: readonly number[] | null, hidden: boolean): string | null {
  if (hidden) return 'ratings hidden until you rate';
  if (ratings === null) return null;
  if (ratings.length === 0) return 'no ratings yet';
  return `${ratings.length} ${ratings.length === 1 ? 'rating' : 'ratings'}, median ${pct(medianOf(ratings))}`;
}

/** "claim, 12 ratings, median 81%"; "probability 70%"; "evidence against"; "crux"; ", new" when it is. */
export function briefDescription(input: BriefInput): string {
  const parts: string[] = [];
  switch (input.kind) {
    case 'claim': {
      parts.push('claim');
      const words = ratingsWords(input.ratings, input.ratingsHidden);
      if (words) parts.push(words);
      break;
    }
    case 'probability':
      parts.push(input.value === null ? 'probability, hidden until you rate' : `probability ${pct(input.value)}`);
      break;
    case 'evidence':
      parts.push(input.stance ? `evidence ${input.stance}` : 'evidence');
      break;
    case 'crux':
      parts.push('crux');
      break;
  }
  if (input.isNew) parts.push('new');
  return parts.join(', ');
}
