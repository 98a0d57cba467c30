'use client';
// On a phone the annotations are a bottom sheet over the text, not the end of the page: tapping a highlight opens
// it at that highlight's card (so the reader never leaves their place: the page does not scroll), "Annotations"
// at the bottom opens it on the list, and closing it (Close, or Escape) gives the focus back to where it was. The
// composer opens it too, as its own sheet is inside. On wide screens none of this applies: the panel is the margin.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { FocusRequest } from './annotation-card';

/** The aside's classes: the margin beside the text (lg and up), a sheet or nothing below that. */
const marginClasses = 'min-w-0 lg:sticky lg:top-4 lg:mt-0 lg:block lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto lg:px-1 lg:pt-0 lg:pb-6';
const sheetClasses =
  'max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-40 max-lg:max-h-[75vh] max-lg:overflow-y-auto max-lg:overscroll-contain max-lg:rounded-t-xl max-lg:border-t max-lg:border-stone-300 max-lg:bg-white max-lg:px-4 max-lg:pb-4 max-lg:shadow-2xl';

export function useAnnotationSheet({ focusRequest, isComposing }: { focusRequest: FocusRequest | null; isComposing: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  const [seenToken, setSeenToken] = useState<number | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  // a card asked for (a highlight tapped, a card saved): the sheet opens on it
  if (focusRequest && focusRequest.token !== seenToken) {
    setSeenToken(focusRequest.token);
    setIsOpen(true);
  }
  const open = useCallback(() => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setIsOpen(true);
  }, []);
  const close = useCallback(() => {
    setIsOpen(false);
    const back = returnTo.current;
    returnTo.current = null;
    // back to the highlight or button it was opened from, without moving the page
    if (back) requestAnimationFrame(() => back.isConnected && back.focus({ preventScroll: true }));
  }, []);
  // remembers where the focus was when a highlight opened it (the focus moves to the card right after)
  useEffect(() => {
    const remember = (event: Event) => {
      if (event.target instanceof HTMLElement && event.target.closest('mark[data-a]')) returnTo.current = event.target.closest('mark[data-a]');
    };
    document.addEventListener('click', remember, true);
    return () => document.removeEventListener('click', remember, true);
  }, []);
  const isShown = isOpen || isComposing;
  useEffect(() => {
    if (!isShown || isComposing) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && window.matchMedia('(max-width: 1023.98px)').matches) close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isShown, isComposing, close]);
  return { isShown, open, close, asideClassName: `${marginClasses} ${isShown ? sheetClasses : 'max-lg:hidden'}` };
}

/** The sheet's top bar (phones only): its title and Close. */
export function SheetBar({ onClose }: { onClose: () => void }) {
  return (
    <div className="sticky top-0 z-10 -mx-4 mb-3 flex items-center justify-between border-b border-stone-200 bg-white px-4 py-1 lg:hidden">
      <span aria-hidden="true" className="text-sm font-medium text-stone-700">
        Annotations
      </span>
      <button type="button" onClick={onClose} className="inline-flex min-h-11 min-w-11 items-center justify-center rounded px-2 text-sm font-medium text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
        Close
      </button>
    </div>
  );
}

/** The way to the sheet when it is closed (phones only): a button at the bottom of the screen. */
export function SheetLauncher({ count, isHidden, onOpen, children }: { count: number; isHidden: boolean; onOpen: () => void; children?: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onOpen}
      className={`${isHidden ? 'hidden' : 'inline-flex'} fixed right-3 bottom-3 z-30 min-h-11 items-center gap-1 rounded-full bg-stone-900 px-4 font-sans text-sm font-medium text-white shadow-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 lg:hidden`}
      data-testid="annotations-launcher"
    >
      Annotations <span className="tabular-nums">({count})</span>
      {children}
    </button>
  );
}
