'use client';
// The reading page's keys: a (annotate the selection), c/e/x/p (annotate it as that kind), Escape (close the
// composer). Keys typed into the composer or any other field are left alone.
import { useEffect, type RefObject } from 'react';
import type { AnnotationKind } from '@/lib/annotations/types';
import { isTypingTarget } from '@/app/_components/typing-target';
import { kindOfShortcut } from './annotation-composer';
import { currentSelection, type TextSelection } from './selection-offsets';
import type { ComposerState } from './use-composer-selection';

export function useReaderKeyboard({
  canAnnotate,
  composer,
  composerRef,
  bodyRef,
  text,
  openComposer,
  closeComposer,
}: {
  canAnnotate: boolean;
  composer: ComposerState | null;
  composerRef: RefObject<HTMLDivElement | null>;
  bodyRef: RefObject<HTMLDivElement | null>;
  text: string;
  openComposer: (selection: TextSelection, kind: AnnotationKind | undefined, focusField: boolean) => void;
  closeComposer: () => void;
}) {
  useEffect(() => {
    if (!canAnnotate) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      if (event.target instanceof Node && composerRef.current?.contains(event.target)) return;
      if (event.key === 'Escape' && composer) {
        closeComposer();
        return;
      }
      if (isTypingTarget(event.target)) return;
      const key = event.key.toLowerCase();
      const kind = kindOfShortcut(key);
      if (key !== 'a' && !kind) return;
      const root = bodyRef.current;
      const selection = root ? currentSelection(root, text) : null;
      if (!selection) return;
      event.preventDefault();
      openComposer(selection, kind, kind !== undefined);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [canAnnotate, composer, composerRef, bodyRef, text, openComposer, closeComposer]);
}
