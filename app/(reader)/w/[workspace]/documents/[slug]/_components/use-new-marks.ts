'use client';
// "New since my last visit" on the reading page: which highlights and cards to mark (annotations others made or
// re-rated since, and those with new replies), how many, and `n` — the next new one after the focused one, in
// document order, round to the first.
import { useCallback, useEffect, useMemo } from 'react';
import type { HighlightSpan } from '@/lib/annotations/types';
import type { NewSinceVisit } from '@/lib/visits/queries';
import type { FocusRequest } from './annotation-card';
import { isTypingTarget } from '@/app/_components/typing-target';

export type NewMarks = {
  since: string | null;
  /** annotations to mark "new" (made or re-rated since, or with new replies) */
  ids: ReadonlySet<string>;
  /** annotations made or re-rated since */
  made: ReadonlySet<string>;
  /** annotation id → new replies on it */
  replies: Readonly<Record<string, number>>;
  /** how many of the marked annotations are highlighted on this version */
  count: number;
  next: () => void;
};

/** The annotations to mark: made or re-rated since, or with new replies (the reader computes it once, for the
 * highlights' descriptions too). */
export const newIdsOf = (fresh: NewSinceVisit): ReadonlySet<string> => new Set([...fresh.annotations, ...Object.keys(fresh.replies)]);

export function useNewMarks({
  fresh,
  ids,
  spans,
  focusedId,
  requestFocus,
  isActive,
}: {
  fresh: NewSinceVisit;
  /** newIdsOf(fresh) */
  ids: ReadonlySet<string>;
  spans: readonly HighlightSpan[];
  focusedId: string | null;
  requestFocus: (id: string, intent: FocusRequest['intent']) => void;
  /** keys listen only while the composer is closed */
  isActive: boolean;
}): NewMarks {
  const made = useMemo(() => new Set(fresh.annotations), [fresh]);
  const ordered = useMemo(() => spans.filter((s) => ids.has(s.id)), [spans, ids]);
  const next = useCallback(() => {
    if (ordered.length === 0) return;
    const current = focusedId === null ? -1 : spans.findIndex((s) => s.id === focusedId);
    // the first new one after the focused highlight in document order (spans are ordered by start, then creation)
    const target = current < 0 ? ordered[0] : (ordered.find((s) => spans.indexOf(s) > current) ?? ordered[0]);
    // new replies only: open the thread where they are
    if (target) requestFocus(target.id, !made.has(target.id) && fresh.replies[target.id] ? 'thread' : 'focus');
  }, [ordered, focusedId, spans, requestFocus, made, fresh.replies]);

  useEffect(() => {
    if (!isActive || ordered.length === 0) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'n' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.isComposing) return;
      if (isTypingTarget(event.target)) return;
      event.preventDefault();
      next();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isActive, ordered.length, next]);

  return { since: fresh.since, ids, made, replies: fresh.replies, count: ordered.length, next };
}

