'use client';
// After hydration the highlights turn interactive (marks name their annotations, first pieces become described
// buttons, credence charts get their places, screen readers get each highlight's description) a slice of passages
// at a time, in text order, each slice its own render and commit with the browser free in between: at 5 000
// annotations, doing it all in one commit froze the page for over 100 ms, and the style and layout after it for as
// long again (issue 19: no task over 200 ms after load). The page says it is ready (`data-interactive`) once the
// last slice is in. The page as served and hydrated paints the highlights of the first slice only (`painted`): the
// rest of the text is plain until its slice turns interactive, so the server renders a screenful or two of marks
// rather than thousands (at 5 000 annotations most of the page's server time) and hydration has as few to match.
import { startTransition, useEffect, useMemo, useState } from 'react';
import type { ReaderPassage } from '@/lib/documents/queries';
import type { Piece } from './highlight-layout';

/** About this many pieces (marks and plain runs of text) turn interactive per slice. */
const PIECES_PER_SLICE = 300;

/** Where each slice ends: the index of the first passage after it; Infinity for the last. Pure. */
export function sliceBounds(passages: readonly Pick<ReaderPassage, 'id' | 'index'>[], layout: ReadonlyMap<string, readonly Piece[]> | undefined, piecesPerSlice = PIECES_PER_SLICE): number[] {
  const bounds: number[] = [];
  let pieces = 0;
  for (const passage of [...passages].sort((a, b) => a.index - b.index)) {
    if (pieces >= piecesPerSlice) {
      bounds.push(passage.index);
      pieces = 0;
    }
    pieces += layout?.get(passage.id)?.length ?? 1;
  }
  bounds.push(Number.POSITIVE_INFINITY);
  return bounds;
}

export function useInteractivePassages({
  isHydrated,
  passages,
  layout,
}: {
  isHydrated: boolean;
  passages: readonly ReaderPassage[];
  layout: ReadonlyMap<string, readonly Piece[]> | undefined;
}): {
  /** passages with an index below this are interactive (-Infinity: none yet, Infinity: all) */
  until: number;
  /** canonical offset: the highlights starting before it are in interactive passages (and described) */
  before: number;
  /** passages with an index below this show their highlights (the first slice's before hydration; then `until`) */
  painted: number;
  isComplete: boolean;
} {
  const bounds = useMemo(() => sliceBounds(passages, layout), [passages, layout]);
  const startOf = useMemo(() => new Map(passages.map((p) => [p.index, p.start])), [passages]);
  // the slice being shown; Infinity once all were, for good (a live change that reslices never takes any back)
  const [slice, setSlice] = useState(0);
  const last = bounds.length - 1;
  const isComplete = isHydrated && slice >= last;
  useEffect(() => {
    if (!isHydrated || slice === Number.POSITIVE_INFINITY) return;
    // a task of its own: what the browser has to do for the slice before (style, layout, input) comes first
    const timer = setTimeout(() => startTransition(() => setSlice((s) => (s >= last - 1 ? Number.POSITIVE_INFINITY : s + 1))), 0);
    return () => clearTimeout(timer);
  }, [isHydrated, slice, last]);
  if (!isHydrated) return { until: Number.NEGATIVE_INFINITY, before: Number.NEGATIVE_INFINITY, painted: bounds[0] ?? Number.POSITIVE_INFINITY, isComplete: false };
  const until = isComplete ? Number.POSITIVE_INFINITY : (bounds[slice] ?? Number.POSITIVE_INFINITY);
  return { until, before: startOf.get(until) ?? Number.POSITIVE_INFINITY, painted: until, isComplete };
}
