'use client';
// What the highlights look like and say: each span's colour, the credence chart after a claim's words (which opens
// its card to rate), and a brief description of every highlight for screen readers ("claim, 12 ratings, median
// 81%"; lib/annotations/brief.ts) — the detail is in its card, which Enter opens.
import { useMemo } from 'react';
import type { ClaimSummary, HighlightSpan } from '@/lib/annotations/types';
import type { FocusRequest } from './annotation-card';
import { briefDescription } from '@/lib/annotations/brief';
import { highlightStyleOf, plural } from './annotation-format';
import { CredenceGlyph } from './credence';
import type { HighlightRendering } from './passage-text';
import type { LatestLayer } from './use-annotation-layer';

export function useHighlightRendering({
  spans,
  shownKeys,
  maxDepth,
  claims,
  latest,
  requestFocus,
  describedBefore,
  newIds,
}: {
  spans: readonly HighlightSpan[];
  shownKeys: readonly number[];
  maxDepth: number;
  claims: ReadonlyMap<string, ClaimSummary>;
  latest: LatestLayer;
  requestFocus: (id: string, intent: FocusRequest['intent']) => void;
  /** the highlights starting before this canonical offset are described (those in interactive passages) */
  describedBefore: number;
  /** new since the viewer's last visit: said in the description too */
  newIds: ReadonlySet<string>;
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
    }),
    [spans, claims, latest, requestFocus],
  );

  // What each highlight is, for screen readers (the first piece of each is a button described by it): drawn in
  // the browser only, from the spans, so thousands of them add nothing to the page as served; a slice at a time,
  // as their passages turn interactive (use-interactive-passages.ts). Made once, so each slice only adds its own.
  const isDescribing = describedBefore > Number.NEGATIVE_INFINITY;
  const described = useMemo(
    () =>
      isDescribing
        ? shownKeys.map((key) => {
            const span = spans[key] as HighlightSpan;
            const claim = span.claimId ? claims.get(span.claimId) : undefined;
            const brief = briefDescription({
              kind: span.kind,
              stance: span.stance,
              value: span.value,
              ratings: claim ? claim.values : null,
              ratingsHidden: (claim?.credencesHidden ?? false) && claim?.myCredence === null,
              isNew: newIds.has(span.id),
            });
            return {
              start: span.start,
              element: (
                <span key={key} id={`hl-desc-${key}`}>
                  {brief}.
                </span>
              ),
            };
          })
        : [],
    [isDescribing, shownKeys, spans, claims, newIds],
  );
  const descriptions = useMemo(() => {
    if (!isDescribing) return false;
    // the shown keys are in span order, which is start order: those before the bound are a prefix
    let count = 0;
    while (count < described.length && (described[count] as { start: number }).start < describedBefore) count++;
    return (
      <div hidden>
        {described.slice(0, count).map((d) => d.element)}
        {Array.from({ length: Math.max(0, maxDepth - 1) }, (_, i) => i + 2).map((n) => (
          <span key={n} id={`hl-count-${n}`}>
            {plural(n, 'annotation')} on these words.
          </span>
        ))}
      </div>
    );
  }, [isDescribing, described, describedBefore, maxDepth]);

  return { rendering, descriptions };
}
