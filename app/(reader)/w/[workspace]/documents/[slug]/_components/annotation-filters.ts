// Filtering the reading page's annotations by kind, author and claim, and the counts each filter offers. Works on
// spans (and orphans reduced to the same fields), so thousands of annotations filter without their full bodies.
// Pure.
import { annotationKinds, type AnnotationDto, type AnnotationKind, type ClaimSummary, type HighlightSpan, type UserRef } from '@/lib/annotations/types';

export type AnnotationFilters = { kinds: ReadonlySet<AnnotationKind>; authorId: string; claimId: string };

export const noFilters: AnnotationFilters = { kinds: new Set(), authorId: '', claimId: '' };

export const isFiltering = (f: AnnotationFilters): boolean => f.kinds.size > 0 || f.authorId !== '' || f.claimId !== '';

/** What filtering needs of an annotation. */
export type Filterable = Pick<HighlightSpan, 'kind' | 'authorId' | 'claimId' | 'forClaimId'>;

export const filterableOf = (a: AnnotationDto): Filterable => ({
  kind: a.kind,
  authorId: a.author.id,
  claimId: a.claimId,
  forClaimId: a.crux?.forClaimId ?? null,
});

export function matches(a: Filterable, f: AnnotationFilters, skip?: 'kind' | 'author' | 'claim'): boolean {
  if (skip !== 'kind' && f.kinds.size > 0 && !f.kinds.has(a.kind)) return false;
  if (skip !== 'author' && f.authorId !== '' && a.authorId !== f.authorId) return false;
  if (skip !== 'claim' && f.claimId !== '' && a.claimId !== f.claimId && a.forClaimId !== f.claimId) return false;
  return true;
}

const collator = new Intl.Collator('en');

export type FilterCounts = {
  kinds: Record<AnnotationKind, number>;
  authors: { id: string; name: string; count: number }[];
  /** by claim id; `claimOptions` lists them */
  claims: ReadonlyMap<string, number>;
};

/**
 * Each option's count under the other two filters, so a count says what choosing it would show; the claims an
 * annotation is about are its claim and, for a crux, also the claim it bears on.
 */
export function filterCounts(lists: readonly (readonly Filterable[])[], f: AnnotationFilters, authors: ReadonlyMap<string, UserRef>): FilterCounts {
  const kinds = Object.fromEntries(annotationKinds.map((k) => [k, 0])) as Record<AnnotationKind, number>;
  const authorCounts = new Map<string, number>();
  const claimCounts = new Map<string, number>();
  for (const annotations of lists) {
    for (const a of annotations) {
      if (matches(a, f, 'kind')) kinds[a.kind] += 1;
      if (matches(a, f, 'author')) authorCounts.set(a.authorId, (authorCounts.get(a.authorId) ?? 0) + 1);
      if (matches(a, f, 'claim')) {
        if (a.claimId !== null) claimCounts.set(a.claimId, (claimCounts.get(a.claimId) ?? 0) + 1);
        if (a.forClaimId !== null) claimCounts.set(a.forClaimId, (claimCounts.get(a.forClaimId) ?? 0) + 1);
      }
    }
  }
  return {
    kinds,
    authors: [...authorCounts]
      .map(([id, count]) => ({ id, name: authors.get(id)?.name ?? 'Someone', count }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    claims: claimCounts,
  };
}

/** The claim filter's choices: the most annotated first (thousands of them: sorted only when asked for). */
export const claimOptions = (counts: FilterCounts, claims: ReadonlyMap<string, ClaimSummary>): { id: string; statement: string; count: number }[] =>
  [...counts.claims]
    .map(([id, count]) => ({ id, statement: claims.get(id)?.statement ?? 'A claim', count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.statement, b.statement));
