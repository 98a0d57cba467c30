'use client';
// The "new since my last visit" marks as the cards read them (use-new-marks.ts computes them): apart from the hook
// so that the card does not depend on the reader's keyboard code.
import { createContext, useContext } from 'react';

export type CardMarks = {
  /** annotations made or re-rated by others since the last visit */
  made: ReadonlySet<string>;
  /** annotation id → new replies on it */
  replies: Readonly<Record<string, number>>;
};

/** The marks, for the cards (each card reads whether it is new, and its new replies). */
export const NewMarksContext = createContext<CardMarks>({ made: new Set(), replies: {} });

/** "New" and "2 new replies" beside a card's author, as the marks say. */
export function useCardNewness(id: string): { isNew: boolean; replies: number } {
  const marks = useContext(NewMarksContext);
  return { isNew: marks.made.has(id), replies: marks.replies[id] ?? 0 };
}
