// Where highlights fall in the text. One sweep over the sorted boundaries of every anchored annotation gives the
// runs of text covered by the same set of annotations (O(n log n) in the number of annotations); each passage's
// segments are then cut at run boundaries (and at credence glyphs) into the pieces the page renders. Pure.
import type { Segment } from '@/lib/documents/reader-structure';

/** `rank` orders spans over the very same text: the higher one sits inside (and gives the colour). */
export type HighlightSpan = { id: string; start: number; end: number; rank?: number };

/** A stretch of canonical text covered by the same annotations, outermost first (innermost last). */
export type Run = { start: number; end: number; ids: readonly string[] };

type FootnoteRefSegment = Extract<Segment, { type: 'footnote-ref' }>;

export type TextPiece = {
  type: 'text';
  /** canonical offset of the piece's first character */
  start: number;
  text: string;
  /** the annotations covering the piece, outermost first; empty for plain text */
  ids: readonly string[];
  /** the annotations whose first piece this is (the piece is then focusable) */
  opens: readonly string[];
};
export type FootnoteRefPiece = { type: 'footnote-ref'; start: number; segment: FootnoteRefSegment; ids: readonly string[] };
/** A claim's credence chart, placed right after the text of the annotation it follows. */
export type GlyphPiece = { type: 'glyph'; key: string; claimId: string; annotationId: string };
export type Piece = TextPiece | FootnoteRefPiece | GlyphPiece;

export type Glyph = { at: number; claimId: string; annotationId: string };

export type LayoutPassage = { id: string; start: number; end: number; segments: readonly Segment[] };

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The runs of text under one or more annotations, in text order. Empty and inverted spans are ignored. */
export function buildRuns(spans: readonly HighlightSpan[]): Run[] {
  type Event = { pos: number; isOpen: boolean; span: HighlightSpan };
  const events: Event[] = [];
  for (const span of spans) {
    if (span.end > span.start) events.push({ pos: span.start, isOpen: true, span }, { pos: span.end, isOpen: false, span });
  }
  // Closings before openings at one position; among openings the longer span first, so it ends up outermost,
  // then the lower rank.
  events.sort(
    (a, b) =>
      a.pos - b.pos ||
      Number(a.isOpen) - Number(b.isOpen) ||
      (a.isOpen ? b.span.end - a.span.end || (a.span.rank ?? 0) - (b.span.rank ?? 0) : 0) ||
      byId(a.span.id, b.span.id),
  );
  const active = new Set<string>();
  const runs: Run[] = [];
  let i = 0;
  while (i < events.length) {
    const pos = (events[i] as Event).pos;
    for (; i < events.length && (events[i] as Event).pos === pos; i++) {
      const event = events[i] as Event;
      if (event.isOpen) active.add(event.span.id);
      else active.delete(event.span.id);
    }
    const next = events[i];
    // A Set iterates in insertion order, and deleting keeps the others' order: outermost (earliest) first.
    if (next && active.size > 0) runs.push({ start: pos, end: next.pos, ids: [...active] });
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
  const seen = new Set<string>();
  let r = 0;
  passages.forEach((passage, index) => {
    const pieces: Piece[] = [];
    const passageGlyphs = glyphsOf.get(index) ?? [];
    let g = 0;
    const emitGlyphsUpTo = (pos: number) => {
      for (; g < passageGlyphs.length && (passageGlyphs[g] as Glyph).at <= pos; g++) {
        const glyph = passageGlyphs[g] as Glyph;
        pieces.push({ type: 'glyph', key: `${glyph.annotationId}@${glyph.at}`, claimId: glyph.claimId, annotationId: glyph.annotationId });
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
        pieces.push({ type: 'footnote-ref', start: segmentStart, segment, ids: run && run.start <= segmentStart ? run.ids : [] });
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
        const ids = isCovered ? run.ids : [];
        const opens = ids.filter((id) => !seen.has(id));
        for (const id of opens) seen.add(id);
        pieces.push({ type: 'text', start: pos, text: segment.text.slice(pos - segmentStart, end - segmentStart), ids, opens });
        pos = end;
      }
    }
    emitGlyphsUpTo(Number.POSITIVE_INFINITY);
    layout.set(passage.id, pieces);
  });
  return layout;
}
