// Filtering the reading page's annotations by kind, author and claim, and the counts each filter offers. Pure.
import { annotationKinds, type AnnotationDto, type AnnotationKind, type ClaimDto } from '@/lib/annotations/types';

export type AnnotationFilters = { kinds: ReadonlySet<AnnotationKind>; authorId: string; claimId: string };

export const noFilters: AnnotationFilters = { kinds: new Set(), authorId: '', claimId: '' };

export const isFiltering = (f: AnnotationFilters): boolean => f.kinds.size > 0 || f.authorId !== '' || f.claimId !== '';

/** The claims an annotation is about: its claim, and for a crux also the claim it bears on. */
const claimIdsOf = (a: AnnotationDto): string[] => [a.claimId, a.crux?.forClaimId].filter((id): id is string => typeof id === 'string');

export function matches(a: AnnotationDto, f: AnnotationFilters, skip?: 'kind' | 'author' | 'claim'): boolean {
  if (skip !== 'kind' && f.kinds.size > 0 && !f.kinds.has(a.kind)) return false;
  if (skip !== 'author' && f.authorId !== '' && a.author.id !== f.authorId) return false;
  if (skip !== 'claim' && f.claimId !== '' && !claimIdsOf(a).includes(f.claimId)) return false;
  return true;
}

export type FilterCounts = {
  kinds: Record<AnnotationKind, number>;
  authors: { id: string; name: string; count: number }[];
  claims: { id: string; statement: string; count: number }[];
};

/** Each option's count under the other two filters, so a count says what choosing it would show. */
export function filterCounts(annotations: readonly AnnotationDto[], f: AnnotationFilters, claims: ReadonlyMap<string, ClaimDto>): FilterCounts {
  const kinds = Object.fromEntries(annotationKinds.map((k) => [k, 0])) as Record<AnnotationKind, number>;
  const authors = new Map<string, { id: string; name: string; count: number }>();
  const claimCounts = new Map<string, { id: string; statement: string; count: number }>();
  for (const a of annotations) {
    if (matches(a, f, 'kind')) kinds[a.kind] += 1;
    if (matches(a, f, 'author')) {
      const entry = authors.get(a.author.id) ?? { id: a.author.id, name: a.author.name, count: 0 };
      entry.count += 1;
      authors.set(a.author.id, entry);
    }
    if (matches(a, f, 'claim')) {
      for (const id of claimIdsOf(a)) {
        const statement = claims.get(id)?.statement ?? (a.claim?.id === id ? a.claim.statement : a.crux?.forClaim.id === id ? a.crux.forClaim.statement : id);
        const entry = claimCounts.get(id) ?? { id, statement, count: 0 };
        entry.count += 1;
        claimCounts.set(id, entry);
      }
    }
  }
  return {
    kinds,
    authors: [...authors.values()].sort((a, b) => a.name.localeCompare(b.name)),
    claims: [...claimCounts.values()].sort((a, b) => b.count - a.count || a.statement.localeCompare(b.statement)),
  };
}
