'use client';
// What the highlights look like and say: each span's colour, the credence chart after a claim's words (which opens
// its card to rate), and a description of every highlight for screen readers.
import { useMemo } from 'react';
import type { ClaimSummary, HighlightSpan, UserRef } from '@/lib/annotations/types';
import type { FocusRequest } from './annotation-card';
import { describeSpan, highlightStyleOf, plural } from './annotation-format';
import { CredenceGlyph } from './credence';
import type { HighlightRendering } from './passage-text';
import type { LatestLayer } from './use-annotation-layer';

export function useHighlightRendering({
  spans,
  shownKeys,
  maxDepth,
  claims,
  authors,
  latest,
  requestFocus,
  isHydrated,
}: {
  spans: readonly HighlightSpan[];
  shownKeys: readonly number[];
  maxDepth: number;
  claims: ReadonlyMap<string, ClaimSummary>;
  authors: ReadonlyMap<string, UserRef>;
  latest: LatestLayer;
  requestFocus: (id: string, intent: FocusRequest['intent']) => void;
  isHydrated: boolean;
}) {
  const rendering = useMemo<HighlightRendering>(
    () => ({
      styleOf: (key) => {
        const s = spans[key];
        return s ? highlightStyleOf(s.kind, s.stance) : 'claim';
      },
      renderGlyph: (claimId, key) => (
        <CredenceGlyph
          inText
          claim={claims.get(claimId)}
          onOpen={() => {
            const s = latest.current.spans[key];
            if (s) requestFocus(s.id, 'rate');
          }}
        />
      ),
      isInteractive: isHydrated,
    }),
    [spans, claims, latest, requestFocus, isHydrated],
  );

  // What each highlight is, for screen readers (the first piece of each is a button described by it): drawn in
  // the browser only, from the spans, so thousands of them add nothing to the page as served.
  const descriptions = useMemo(
    () =>
      isHydrated && (
        <div hidden>
          {shownKeys.map((key) => (
            <span key={key} id={`hl-desc-${key}`}>
              {describeSpan(spans[key] as HighlightSpan, claims, authors)}.
            </span>
          ))}
          {Array.from({ length: Math.max(0, maxDepth - 1) }, (_, i) => i + 2).map((n) => (
            <span key={n} id={`hl-count-${n}`}>
              {plural(n, 'annotation')} on these words.
            </span>
          ))}
        </div>
      ),
    [isHydrated, shownKeys, spans, claims, authors, maxDepth],
  );

  return { rendering, descriptions };
}
