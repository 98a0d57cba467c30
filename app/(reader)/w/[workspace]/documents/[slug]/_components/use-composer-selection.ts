'use client';
// The composer for a new annotation and the selection it starts from: "Annotate selection" offered beside the
// selected text as it changes, the composer opened on it (by that button, a mouse-up or a key), and the text being
// annotated kept marked while the composer is open.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { AnnotationKind } from '@/lib/annotations/types';
import type { Piece } from './highlight-layout';
import { currentSelection, offsetsToRange, type TextSelection } from './selection-offsets';

export type ComposerState = { selection: TextSelection; kind: AnnotationKind; focusField: boolean; session: number };

type FloatingSelection = { selection: TextSelection; top: number; left: number };

const PENDING_HIGHLIGHT = 'cruxmap-pending';

const sameSelection = (a: TextSelection | null | undefined, b: TextSelection | null | undefined) => a?.start === b?.start && a?.end === b?.end;

export function useComposerSelection({
  canAnnotate,
  bodyRef,
  containerRef,
  text,
  layout,
}: {
  canAnnotate: boolean;
  bodyRef: RefObject<HTMLDivElement | null>;
  containerRef: RefObject<HTMLDivElement | null>;
  /** the document's canonical text, which selections are offsets into */
  text: string;
  /** the highlights as drawn: the pending mark is placed again when they change */
  layout: ReadonlyMap<string, readonly Piece[]>;
}) {
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [floating, setFloating] = useState<FloatingSelection | null>(null);
  const composerRef = useRef<HTMLDivElement>(null);
  const counter = useRef(0);

  const openComposer = useCallback((selection: TextSelection, kind: AnnotationKind | undefined, focusField: boolean) => {
    setFloating(null);
    setComposer((current) => {
      if (current && !kind) return sameSelection(current.selection, selection) ? current : { ...current, selection };
      counter.current += 1;
      return { selection, kind: kind ?? current?.kind ?? 'claim', focusField, session: counter.current };
    });
  }, []);

  const closeComposer = useCallback(() => {
    setComposer(null);
    window.getSelection()?.removeAllRanges();
  }, []);

  // The selection, followed as it changes: offers "Annotate selection" beside it.
  useEffect(() => {
    if (!canAnnotate) return;
    let timer = 0;
    const update = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const root = bodyRef.current;
        const container = containerRef.current;
        const selection = root ? currentSelection(root, text) : null;
        if (!selection || !container) {
          setFloating(null);
          return;
        }
        const range = window.getSelection()?.getRangeAt(0);
        const rects = range ? [...range.getClientRects()] : [];
        const last = rects.at(-1);
        const box = container.getBoundingClientRect();
        const top = last ? last.bottom - box.top + 6 : 0;
        const left = last ? Math.max(0, Math.min(last.right - box.left - 80, box.width - 180)) : 0;
        setFloating((current) => (current && sameSelection(current.selection, selection) && current.top === top ? current : { selection, top, left }));
      }, 120);
    };
    document.addEventListener('selectionchange', update);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('selectionchange', update);
    };
  }, [canAnnotate, bodyRef, containerRef, text]);

  // The text being annotated stays marked while the composer is open (CSS Custom Highlight API, where supported).
  useEffect(() => {
    const root = bodyRef.current;
    if (!composer || !root || typeof Highlight === 'undefined' || !('highlights' in CSS)) return;
    const range = offsetsToRange(root, composer.selection.start, composer.selection.end);
    if (!range) return;
    CSS.highlights.set(PENDING_HIGHLIGHT, new Highlight(range));
    return () => {
      CSS.highlights.delete(PENDING_HIGHLIGHT);
    };
  }, [bodyRef, composer, layout]);

  /** The document body's mouse-up: a selection made opens the composer on it. */
  const onBodyMouseUp = () => {
    if (!canAnnotate) return;
    // after the browser has settled the selection
    window.setTimeout(() => {
      const root = bodyRef.current;
      const selection = root ? currentSelection(root, text) : null;
      if (selection) openComposer(selection, undefined, false);
    }, 0);
  };

  return { composer, floating, composerRef, openComposer, closeComposer, onBodyMouseUp };
}
