'use client';
// Between the text and the margin: a highlight clicked (or Enter on it) opens its card, hovering or focusing one
// lights up its marks and cards, and "show in text" scrolls to an annotation's words and flashes them.
import { useCallback, useRef, useState, type HTMLAttributes, type RefObject } from 'react';
import type { HighlightSpan } from '@/lib/annotations/types';
import type { FocusRequest } from './annotation-card';
import type { LatestLayer } from './use-annotation-layer';

/** Marks carrying any of these annotations (by span index). */
export const marksOf = (root: HTMLElement, keys: readonly number[]): HTMLElement[] =>
  keys.flatMap((key) => [...root.querySelectorAll<HTMLElement>(`mark[data-a~="${key}"]`)]);

/** The annotations of the mark an event happened in, by span index, outermost first. */
function markKeys(target: EventTarget | null): { mark: HTMLElement; keys: number[] } | null {
  if (!(target instanceof Element)) return null;
  const mark = target.closest<HTMLElement>('mark[data-a]');
  const keys = mark?.dataset.a?.split(' ').filter(Boolean).map(Number);
  return mark && keys?.length ? { mark, keys } : null;
}

type MarkHandlers = Pick<HTMLAttributes<HTMLDivElement>, 'onClick' | 'onKeyDown' | 'onMouseOver' | 'onMouseOut' | 'onFocus' | 'onBlur'>;

export function useHighlightFocus({
  bodyRef,
  spans,
  latest,
  loadCards,
}: {
  bodyRef: RefObject<HTMLDivElement | null>;
  spans: readonly HighlightSpan[];
  latest: LatestLayer;
  loadCards: (ids: readonly string[]) => Promise<void>;
}) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const counter = useRef(0);
  const activeMarks = useRef<HTMLElement[]>([]);

  const requestFocus = useCallback(
    (id: string, intent: FocusRequest['intent']) => {
      counter.current += 1;
      setFocusedId(id);
      setFocusRequest({ id, token: counter.current, intent });
      // that card first, before the rest of its window
      void loadCards([id]);
    },
    [loadCards],
  );

  // Hovering or focusing a highlight lights up every piece of its annotations, and their cards.
  const setActive = useCallback(
    (keys: readonly number[]) => {
      for (const element of activeMarks.current) element.classList.remove('hl-active');
      const root = bodyRef.current;
      const next = root ? marksOf(root, keys) : [];
      for (const key of keys) {
        const span = latest.current.spans[key];
        const card = span ? document.getElementById(`card-${span.id}`) : null;
        if (card) next.push(card);
      }
      for (const element of next) element.classList.add('hl-active');
      activeMarks.current = next;
    },
    [bodyRef, latest],
  );

  const showInText = useCallback(
    (id: string) => {
      const root = bodyRef.current;
      const key = latest.current.indexOf.get(id);
      if (!root || key === undefined) return;
      const marks = marksOf(root, [key]);
      const first = root.querySelector<HTMLElement>(`mark[data-opens~="${key}"]`) ?? marks[0];
      if (!first) return;
      setFocusedId(id);
      first.scrollIntoView({ block: 'center', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      for (const mark of marks) {
        mark.classList.remove('hl-flash');
        // restart the animation on a second click
        void mark.offsetWidth;
        mark.classList.add('hl-flash');
      }
      window.setTimeout(() => marks.forEach((mark) => mark.classList.remove('hl-flash')), 1800);
      if (first.tabIndex >= 0) first.focus({ preventScroll: true });
    },
    [bodyRef, latest],
  );

  /** The document body's handlers for its marks. */
  const markHandlers: MarkHandlers = {
    onClick: (event) => {
      if (event.target instanceof Element && event.target.closest('a, button')) return;
      const hit = markKeys(event.target);
      if (!hit || !(window.getSelection()?.isCollapsed ?? true)) return;
      const innermost = spans[hit.keys[hit.keys.length - 1] as number];
      if (innermost) requestFocus(innermost.id, 'thread');
    },
    onKeyDown: (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const hit = markKeys(event.target);
      if (!hit || event.target !== hit.mark || !hit.mark.dataset.opens) return;
      event.preventDefault();
      // the innermost annotation starting here, as a click would; its description comes first
      const opens = hit.mark.dataset.opens.split(' ');
      const innermost = spans[Number(opens[opens.length - 1])];
      if (innermost) requestFocus(innermost.id, 'thread');
    },
    onMouseOver: (event) => {
      const hit = markKeys(event.target);
      if (hit) setActive(hit.keys);
    },
    onMouseOut: (event) => {
      if (markKeys(event.target) && !markKeys(event.relatedTarget)) setActive([]);
    },
    onFocus: (event) => {
      const hit = markKeys(event.target);
      if (hit) setActive(hit.keys);
    },
    onBlur: () => setActive([]),
  };

  return { focusedId, setFocusedId, focusRequest, requestFocus, setActive, showInText, markHandlers };
}
