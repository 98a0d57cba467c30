// Pure: where a keyboard selection's end (or start) moves by a word or a sentence inside one passage's text, with
// Intl.Segmenter's boundaries (linear in the passage's length).

export type Unit = 'word' | 'sentence';

/** The boundaries a selection may end at (ends of words or sentences) and start at, as offsets into `text`. */
export function boundaries(text: string, unit: Unit): { starts: number[]; ends: number[] } {
  const segmenter = new Intl.Segmenter('en', { granularity: unit });
  const starts: number[] = [];
  const ends: number[] = [];
  for (const s of segmenter.segment(text)) {
    if (unit === 'word' && !s.isWordLike) continue;
    const body = s.segment.trimEnd();
    if (body.trim().length === 0) continue;
    const lead = body.length - body.trimStart().length;
    starts.push(s.index + lead);
    ends.push(s.index + body.length);
  }
  return { starts, ends };
}

/**
 * The selection [start, end) (offsets into `text`) after one step: the end moves to the next or previous
 * boundary of `unit` (never to or before the start), or with `moveStart` the start does (never to or past the end).
 * Unchanged when there is nowhere to go.
 */
export function step(
  text: string,
  selection: { start: number; end: number },
  { unit, forward, moveStart = false }: { unit: Unit; forward: boolean; moveStart?: boolean },
): { start: number; end: number } {
  const { starts, ends } = boundaries(text, unit);
  const { start, end } = selection;
  if (moveStart) {
    const next = forward ? starts.find((b) => b > start && b < end) : starts.findLast((b) => b < start);
    return next === undefined ? selection : { start: next, end };
  }
  const next = forward ? ends.find((b) => b > end) : ends.findLast((b) => b < end && b > start);
  return next === undefined ? selection : { start, end: next };
}
