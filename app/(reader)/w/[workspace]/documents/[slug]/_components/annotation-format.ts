// How annotations read in the interface: kind names, the highlight style of each, one-line descriptions for
// screen readers, percentages and credence summaries. Pure.
import type { AnnotationDto, AnnotationKind, EvidenceStance } from '@/lib/annotations/types';

export const kindLabels: Record<AnnotationKind, string> = {
  claim: 'Claim',
  evidence: 'Evidence',
  crux: 'Crux',
  probability: 'Probability',
};

/** The highlight style: evidence splits by stance, so "for" and "against" look different in the text. */
export type HighlightStyle = 'claim' | 'evidence-for' | 'evidence-against' | 'crux' | 'probability';

export const highlightStyleOf = (kind: AnnotationKind, stance: EvidenceStance | null | undefined): HighlightStyle =>
  kind === 'evidence' ? (stance === 'against' ? 'evidence-against' : 'evidence-for') : kind;

export const styleOfAnnotation = (annotation: Pick<AnnotationDto, 'kind' | 'evidence'>): HighlightStyle =>
  highlightStyleOf(annotation.kind, annotation.evidence?.stance);

/** Badge colours per style (light background, dark text: AA contrast). */
export const badgeClasses: Record<HighlightStyle, string> = {
  claim: 'bg-blue-100 text-blue-900 ring-blue-300',
  'evidence-for': 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  'evidence-against': 'bg-rose-100 text-rose-900 ring-rose-300',
  crux: 'bg-violet-100 text-violet-900 ring-violet-300',
  probability: 'bg-orange-100 text-orange-900 ring-orange-300',
};

export const strengthLabels = { 1: 'weak', 2: 'moderate', 3: 'strong' } as const;

export const percent = (value: number): string => `${Math.round(value * 100)}%`;

export const kindText = (kind: AnnotationKind, stance: EvidenceStance | null | undefined): string =>
  kind === 'evidence' && stance ? `Evidence ${stance}` : kindLabels[kind];

export const badgeText = (annotation: Pick<AnnotationDto, 'kind' | 'evidence'>): string => kindText(annotation.kind, annotation.evidence?.stance);

export type CredenceSummary = { count: number; median: number | null; values: number[] };

export function summarizeCredences(credences: readonly number[] | undefined): CredenceSummary {
  const values = [...(credences ?? [])].sort((a, b) => a - b);
  if (values.length === 0) return { count: 0, median: null, values };
  const mid = values.length >> 1;
  const median = values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
  return { count: values.length, median, values };
}

/** "5 ratings, median 62%" */
export function credenceWords(summary: CredenceSummary): string {
  if (summary.count === 0 || summary.median === null) return 'No ratings yet';
  return `${summary.count} ${summary.count === 1 ? 'rating' : 'ratings'}, median ${percent(summary.median)}`;
}

export { plural } from '@/app/_components/format';
