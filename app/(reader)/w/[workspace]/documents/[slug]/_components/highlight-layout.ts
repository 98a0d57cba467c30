// Where highlights fall in the text. One sweep over the sorted boundaries of every anchored annotation gives the
// runs of text covered by the same set of annotations (O(n log n) in the number of annotations); each passage's
// segments are then cut at run boundaries (and at credence glyphs) into the pieces the page renders. Annotations
// are named by a number (their index in the reader's spans), which is what the page writes into its marks. Pure.
import type { Segment } from '@/lib/documents/reader-structure';

/** `rank` orders spans over the very same text: the higher one sits inside (and gives the colour). */
export type LayoutSpan = { key: number; start: number; end: number; rank?: number };

/** A stretch of canonical text covered by the same annotations, outermost first (innermost last). */
export type Run = { start: number; end: number; keys: readonly number[] };

type FootnoteRefSegment = Extract<Segment, { type: 'footnote-ref' }>;

export type TextPiece = {
  type: 'text';
  /** canonical offset of the piece's first character */
  start: number;
  text: string;
  /** the annotations covering the piece, outermost first; empty for plain text */
  keys: readonly number[];
  /** the annotations whose first piece this is (the piece is then focusable) */
  opens: readonly number[];
};
export type FootnoteRefPiece = { type: 'footnote-ref'; start: number; segment: FootnoteRefSegment; keys: readonly number[] };
/** A claim's credence chart, placed right after the text of the annotation it follows (one per claim). */
export type GlyphPiece = { type: 'glyph'; claimId: string; annotation: number };
export type Piece = TextPiece | FootnoteRefPiece | GlyphPiece;

export type Glyph = { at: number; claimId: string; annotation: number };

export type LayoutPassage = { id: string; start: number; end: number; segments: readonly Segment[] };

/** Closings are sorted as numbers, end * KEY_SPACE + key: one native sort, no comparator, no event objects. */
const KEY_SPACE = 2 ** 20;

/**
 * The runs of text under one or more annotations, in text order. Empty and inverted spans are ignored; keys must
 * be below 2^20. Spans given in start order (the reader's are) need no sorting of their openings beyond ties.
 */
export function buildRuns(spans: readonly LayoutSpan[]): Run[] {
  // Openings by start; at one position the longer span first, so it ends up outermost, then the lower rank.
  const openings = spans.filter((s) => s.end > s.start);
  const isSorted = openings.every((s, i) => i === 0 || (openings[i - 1] as LayoutSpan).start <= s.start);
  const byOpening = (a: LayoutSpan, b: LayoutSpan) => a.start - b.start || b.end - a.end || (a.rank ?? 0) - (b.rank ?? 0) || a.key - b.key;
  if (!isSorted) openings.sort(byOpening);
  else {
    // only the ties need ordering: short stretches of spans starting at one position
    for (let i = 0; i < openings.length; ) {
      let j = i + 1;
      while (j < openings.length && (openings[j] as LayoutSpan).start === (openings[i] as LayoutSpan).start) j++;
      if (j - i > 1) openings.splice(i, j - i, ...openings.slice(i, j).sort(byOpening));
      i = j;
    }
  }
  const closings = new Float64Array(openings.length);
  openings.forEach((s, i) => {
    closings[i] = s.end * KEY_SPACE + s.key;
  });
  closings.sort();

  // A Set iterates in insertion order, and deleting keeps the others' order: outermost (earliest) first.
  const active = new Set<number>();
  const runs: Run[] = [];
  let o = 0;
  let c = 0;
  while (o < openings.length || c < closings.length) {
    const nextOpening = o < openings.length ? (openings[o] as LayoutSpan).start : Infinity;
    const nextClosing = c < closings.length ? Math.floor((closings[c] as number) / KEY_SPACE) : Infinity;
    const pos = Math.min(nextOpening, nextClosing);
    // closings before openings at one position
    for (; c < closings.length && Math.floor((closings[c] as number) / KEY_SPACE) === pos; c++) active.delete((closings[c] as number) % KEY_SPACE);
    for (; o < openings.length && (openings[o] as LayoutSpan).start === pos; o++) active.add((openings[o] as LayoutSpan).key);
    const next = Math.min(o < openings.length ? (openings[o] as LayoutSpan).start : Infinity, c < closings.length ? Math.floor((closings[c] as number) / KEY_SPACE) : Infinity);
    if (next !== Infinity && active.size > 0) runs.push({ start: pos, end: next, keys: [...active] });
  }
  return runs;
}

/** Index of the last passage starting before `at` (passages sorted by start), or -1. */
function passageBefore(passages: readonly LayoutPassage[], at: number): number {
  let lo = 0;
  let hi = passages.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((passages[mid] as LayoutPassage).start < at) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Cuts every passage's segments into pieces at run boundaries and glyph positions. `passages` must be sorted by
 * start and not overlap (a version's passages are). A glyph after a range that ends between passages goes at the
 * end of the passage before.
 */
export function layoutPassages(passages: readonly LayoutPassage[], runs: readonly Run[], glyphs: readonly Glyph[]): Map<string, Piece[]> {
  const glyphsOf = new Map<number, Glyph[]>();
  for (const glyph of [...glyphs].sort((a, b) => a.at - b.at)) {
    const index = passageBefore(passages, glyph.at);
    const passage = passages[index];
    if (!passage) continue;
    const placed = { ...glyph, at: Math.min(glyph.at, passage.end) };
    const list = glyphsOf.get(index);
    if (list) list.push(placed);
    else glyphsOf.set(index, [placed]);
  }

  const layout = new Map<string, Piece[]>();
  const seen = new Set<number>();
  let r = 0;
  passages.forEach((passage, index) => {
    const pieces: Piece[] = [];
    const passageGlyphs = glyphsOf.get(index) ?? [];
    let g = 0;
    const emitGlyphsUpTo = (pos: number) => {
      for (; g < passageGlyphs.length && (passageGlyphs[g] as Glyph).at <= pos; g++) {
        const glyph = passageGlyphs[g] as Glyph;
        pieces.push({ type: 'glyph', claimId: glyph.claimId, annotation: glyph.annotation });
      }
    };
    const runAt = (pos: number): Run | undefined => {
      while (r < runs.length && (runs[r] as Run).end <= pos) r++;
      return runs[r];
    };

    let cursor = passage.start;
    for (const segment of passage.segments) {
      const segmentStart = cursor;
      const segmentEnd = cursor + segment.text.length;
      cursor = segmentEnd;
      if (segment.type === 'footnote-ref') {
        emitGlyphsUpTo(segmentStart);
        const run = runAt(segmentStart);
        pieces.push({ type: 'footnote-ref', start: segmentStart, segment, keys: run && run.start <= segmentStart ? run.keys : [] });
        continue;
      }
      let pos = segmentStart;
      while (pos < segmentEnd) {
        emitGlyphsUpTo(pos);
        const run = runAt(pos);
        const isCovered = run !== undefined && run.start <= pos;
        let end = segmentEnd;
        if (run) end = Math.min(end, isCovered ? run.end : run.start);
        const nextGlyph = passageGlyphs[g];
        if (nextGlyph && nextGlyph.at > pos) end = Math.min(end, nextGlyph.at);
        const keys = isCovered ? run.keys : [];
        const opens = keys.filter((key) => !seen.has(key));
        for (const key of opens) seen.add(key);
        pieces.push({ type: 'text', start: pos, text: segment.text.slice(pos - segmentStart, end - segmentStart), keys, opens });
        pos = end;
      }
    }
    emitGlyphsUpTo(Number.POSITIVE_INFINITY);
    layout.set(passage.id, pieces);
  });
  return layout;
}
