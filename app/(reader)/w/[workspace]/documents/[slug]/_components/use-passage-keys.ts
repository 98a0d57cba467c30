'use client';
// Selecting text without a mouse (no caret browsing needed): j/k (or ↓/↑ on a passage) move from passage to
// passage, Enter selects the focused passage's text, Shift+→/← move the selection's end by a word and Shift+↓/↑ by
// a sentence (with Alt, its start); then a/c/e/x/p open the composer as after a mouse selection; m opens the
// document's disagreement map. Keys typed into fields, and any key with Ctrl or ⌘, are left alone.
import { useRouter } from 'next/navigation';
import { useEffect, type RefObject } from 'react';
import { step, type Unit } from '@/lib/anchoring/keyboard-selection';
import { isTypingTarget } from '@/app/_components/typing-target';
import { currentSelection, offsetsToRange } from './selection-offsets';

const passageSelector = '[data-passage-index]';

/** A passage's canonical range: from its first piece of text to the end of its last. */
function passageRange(passage: HTMLElement): { start: number; end: number } | null {
  const pieces = passage.querySelectorAll<HTMLElement>('[data-offset]');
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!first || !last) return null;
  return { start: Number(first.dataset.offset), end: Number(last.dataset.offset) + (last.textContent ?? '').length };
}

function select(root: HTMLElement, { start, end }: { start: number; end: number }): void {
  const range = offsetsToRange(root, start, end);
  const selection = window.getSelection();
  if (!range || !selection) return;
  selection.removeAllRanges();
  selection.addRange(range);
}

export function usePassageKeys({ bodyRef, text, isActive, mapHref }: { bodyRef: RefObject<HTMLDivElement | null>; text: string; isActive: boolean; mapHref: string }) {
  const router = useRouter();
  useEffect(() => {
    if (!isActive) return;
    const focusPassage = (passage: HTMLElement) => {
      passage.tabIndex = -1;
      passage.focus({ preventScroll: true });
      passage.scrollIntoView({ block: 'center' });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const root = bodyRef.current;
      if (!root || event.defaultPrevented || event.ctrlKey || event.metaKey || event.isComposing || isTypingTarget(event.target)) return;
      if (event.key === 'm' && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        router.push(mapHref);
        return;
      }
      const passages = [...root.querySelectorAll<HTMLElement>(passageSelector)];
      const focused = document.activeElement instanceof HTMLElement && document.activeElement.matches(passageSelector) && root.contains(document.activeElement) ? document.activeElement : null;
      const arrowMove = focused && !event.shiftKey && !event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp');
      if (((event.key === 'j' || event.key === 'k') && !event.altKey && !event.shiftKey) || arrowMove) {
        const forward = event.key === 'j' || event.key === 'ArrowDown';
        // from the focused passage, else from the first one in view
        const from = focused ? passages.indexOf(focused) : passages.findIndex((p) => p.getBoundingClientRect().bottom > 0) - (forward ? 1 : 0);
        const next = passages[Math.max(0, Math.min(passages.length - 1, from + (forward ? 1 : -1)))];
        if (!next) return;
        event.preventDefault();
        focusPassage(next);
        return;
      }
      if (event.key === 'Enter' && focused && !event.shiftKey && !event.altKey) {
        const range = passageRange(focused);
        if (!range) return;
        event.preventDefault();
        select(root, range);
        return;
      }
      const units: Record<string, { unit: Unit; forward: boolean }> = {
        ArrowRight: { unit: 'word', forward: true },
        ArrowLeft: { unit: 'word', forward: false },
        ArrowDown: { unit: 'sentence', forward: true },
        ArrowUp: { unit: 'sentence', forward: false },
      };
      const move = units[event.key];
      if (!move || !event.shiftKey) return;
      const selected = currentSelection(root, text);
      if (!selected) return;
      // within the passage the selection starts in
      const anchor = window.getSelection()?.anchorNode;
      const passage = (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest<HTMLElement>(passageSelector);
      const bounds = passage ? passageRange(passage) : null;
      if (!bounds) return;
      event.preventDefault();
      const local = step(text.slice(bounds.start, bounds.end), { start: selected.start - bounds.start, end: Math.min(selected.end, bounds.end) - bounds.start }, { ...move, moveStart: event.altKey });
      select(root, { start: bounds.start + local.start, end: bounds.start + local.end });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [bodyRef, text, isActive, mapHref, router]);
}
