// The search request and answer shapes (zod; safe to import from the client).
import { z } from 'zod';
import { annotationKinds } from '../annotations/types';
import { MAX_CURSOR_LENGTH } from './cursor';
import { MAX_QUERY_LENGTH, MAX_TERMS, parseSearchQuery } from './query';
import type { SnippetSegment } from './snippet';

export const searchTypes = ['passage', 'claim', 'annotation', 'reply'] as const;
export type SearchType = (typeof searchTypes)[number];

export const SEARCH_PAGE_MAX = 50;

const ref = z.string().trim().min(1, 'is required').max(200, 'is too long');

export const searchQuerySchema = z
  .object({
    q: z
      .string('is required')
      .max(MAX_QUERY_LENGTH, `is too long (${MAX_QUERY_LENGTH} characters at most)`)
      .refine((q) => q.trim() !== '', 'is required'),
    type: z.enum(searchTypes, `must be one of ${searchTypes.join(', ')}`).optional(),
    document: ref.optional(),
    kind: z.enum(annotationKinds, `must be one of ${annotationKinds.join(', ')}`).optional(),
    author: ref.optional(),
    cursor: z.string().max(MAX_CURSOR_LENGTH, 'is not a valid cursor').regex(/^[\w-]+$/, 'is not a valid cursor').optional(),
    limit: z.coerce.number('must be a number').int('must be an integer').min(1, 'must be at least 1').max(SEARCH_PAGE_MAX, `must be at most ${SEARCH_PAGE_MAX}`).default(20),
  })
  .superRefine((query, ctx) => {
    if (query.q.trim() === '') return;
    const parsed = parseSearchQuery(query.q);
    if (parsed.termCount > MAX_TERMS) ctx.addIssue({ code: 'custom', path: ['q'], message: `has too many words (${MAX_TERMS} at most)` });
    else if (parsed.groups.length === 0) ctx.addIssue({ code: 'custom', path: ['q'], message: 'needs a word to look for (not only -exclusions)' });
  });

export type SearchQuery = z.output<typeof searchQuerySchema>;

export type SearchItem = {
  type: SearchType;
  id: string;
  documentId: string | null;
  passageId: string | null;
  claimId: string | null;
  snippet: SnippetSegment[];
  score: number;
  /** annotations and replies: the annotation's kind */
  kind: string | null;
  /** the document it is in (passages, annotations, replies) */
  document: { id: string; slug: string; title: string } | null;
};

export type SearchFacet = { value: string; label: string; count: number };

export type SearchFacets = {
  /** matches counted (the first `limit` of them when `capped`), whatever the type/document/kind/author filters */
  total: number;
  capped: boolean;
  type: SearchFacet[];
  document: SearchFacet[];
  kind: SearchFacet[];
};

export type SearchPage = {
  items: SearchItem[];
  nextCursor: string | null;
  /** on the first page only (no cursor) */
  facets?: SearchFacets;
  /** the query matched nothing as typed: these near-matches of its words were searched for instead */
  nearMatches?: string[];
};
