'use client';
// Which annotations show (the margin's filters, and the counts each filter offers) and where their highlights fall
// in the text: one sweep over the shown spans, then every passage cut into pieces, with one credence chart per claim.
import { useMemo, useState } from 'react';
import type { AnnotationDto, HighlightSpan, UserRef } from '@/lib/annotations/types';
import type { ReaderPassage } from '@/lib/documents/queries';
import type { ReaderStructure, Segment } from '@/lib/documents/reader-structure';
import { filterableOf, filterCounts, isFiltering, matches, noFilters, type AnnotationFilters } from './annotation-filters';
import { buildRuns, layoutPassages, type Glyph, type LayoutPassage } from './highlight-layout';

/** On the very same words a claim shows as the claim, with the others' lines under it. */
const rank = { probability: 0, evidence: 1, crux: 2, claim: 3 } as const;

export function useShownHighlights({
  spans,
  orphanList,
  authors,
  structure,
  passages,
}: {
  spans: readonly HighlightSpan[];
  orphanList: readonly AnnotationDto[];
  authors: ReadonlyMap<string, UserRef>;
  structure: ReaderStructure;
  passages: ReaderPassage[];
}) {
  const [filters, setFilters] = useState<AnnotationFilters>(noFilters);

  /** The spans that pass the filters, by index. */
  const shownKeys = useMemo(() => {
    const keys: number[] = [];
    const isAll = !isFiltering(filters);
    for (let i = 0; i < spans.length; i++) if (isAll || matches(spans[i] as HighlightSpan, filters)) keys.push(i);
    return keys;
  }, [spans, filters]);
  const shownSpans = useMemo(() => shownKeys.map((i) => spans[i] as HighlightSpan), [shownKeys, spans]);
  const orphans = useMemo(() => orphanList.filter((a) => matches(filterableOf(a), filters)), [orphanList, filters]);
  const counts = useMemo(
    () => filterCounts([spans, orphanList.map(filterableOf)], filters, authors),
    [spans, orphanList, filters, authors],
  );

  const layoutInput = useMemo<LayoutPassage[]>(() => {
    const segmentsOf = new Map<string, Segment[]>();
    for (const block of structure.blocks) {
      for (const p of block.type === 'passage' ? [block.passage] : block.items) segmentsOf.set(p.id, p.segments);
    }
    for (const note of structure.footnotes) segmentsOf.set(note.passage.id, note.passage.segments);
    return [...passages]
      .sort((a, b) => a.start - b.start)
      .map((p) => ({ id: p.id, start: p.start, end: p.end, segments: segmentsOf.get(p.id) ?? [{ type: 'text', text: p.text }] }));
  }, [structure, passages]);

  // Highlights: one sweep over the shown spans, then every passage cut into pieces.
  const { layout, maxDepth } = useMemo(() => {
    const runs = buildRuns(
      shownKeys.map((key) => {
        const s = spans[key] as HighlightSpan;
        return { key, start: s.start, end: s.end, rank: rank[s.kind] };
      }),
    );
    // One credence chart per claim, after its text: its first claim annotation's, else its first probability's.
    const glyphs = new Map<string, Glyph & { isClaim: boolean }>();
    for (const key of shownKeys) {
      const a = spans[key] as HighlightSpan;
      if ((a.kind !== 'claim' && a.kind !== 'probability') || !a.claimId) continue;
      const placed = glyphs.get(a.claimId);
      if (!placed || (!placed.isClaim && a.kind === 'claim')) glyphs.set(a.claimId, { at: a.end, claimId: a.claimId, annotation: key, isClaim: a.kind === 'claim' });
    }
    return {
      layout: layoutPassages(layoutInput, runs, [...glyphs.values()]),
      maxDepth: runs.reduce((max, run) => Math.max(max, run.keys.length), 0),
    };
  }, [shownKeys, spans, layoutInput]);

  // The same pieces with no highlight: the text of passages not painted yet (use-interactive-passages.ts), every
  // piece still carrying its offset for selections.
  const plainLayout = useMemo(() => layoutPassages(layoutInput, [], []), [layoutInput]);

  return { filters, setFilters, shownKeys, shownSpans, orphans, counts, layout, plainLayout, maxDepth };
}
