// Turns a version's flat passages into what the reading page renders: blocks (consecutive list items grouped
// into one list), text segments with footnote markers linked both ways, and a table of contents. Pure.
import type { PassageAttrs, PassageKind } from '../corpus/schemas';

export type StructurePassage = { id: string; index: number; kind: PassageKind; text: string; attrs: PassageAttrs };

export type Segment =
  | { type: 'text'; text: string }
  | { type: 'footnote-ref'; label: string; text: string; refId: string; noteId: string };

export type RenderedPassage = StructurePassage & { segments: Segment[] };

export type Block =
  | { type: 'passage'; passage: RenderedPassage }
  | { type: 'list'; ordered: boolean; items: RenderedPassage[] };

export type RenderedFootnote = {
  passage: RenderedPassage;
  label: string;
  noteId: string;
  /** where the back link goes: the first marker that refers to this note, if any */
  backRefId: string | null;
  /** the note's text without a trailing "↩︎", which the page renders as the back link */
  hasBackArrow: boolean;
};

export type TocEntry = { passageId: string; text: string; level: number };

export type ReaderStructure = { blocks: Block[]; footnotes: RenderedFootnote[]; toc: TocEntry[] };

const markerPattern = /\[(\d{1,3}|[a-z])\]/g;
/** A note's text without the back arrow ("↩", "↩︎") that ends it, and the whitespace around that; null if it has none. */
function withoutBackArrow(text: string): string | null {
  let rest = text.trimEnd();
  if (rest.endsWith('\uFE0E')) rest = rest.slice(0, -1);
  return rest.endsWith('\u21A9') ? rest.slice(0, -1).trimEnd() : null;
}

export const noteAnchor = (label: string): string => `fn-${label}`;
const refAnchor = (label: string, occurrence: number): string => `fnref-${label}-${occurrence}`;

function isOrdered(item: StructurePassage): boolean {
  return /^\d+[.)]$/.test(item.attrs.marker ?? '') || /^\d+[.)]\s/.test(item.text);
}

export function buildReaderStructure(passages: StructurePassage[]): ReaderStructure {
  const notes = passages.filter((p) => p.kind === 'footnote' && p.attrs.label !== undefined);
  const labels = new Set(notes.map((p) => p.attrs.label as string));
  const occurrences = new Map<string, number>();

  const segment = (passage: StructurePassage): RenderedPassage => {
    if (passage.kind === 'footnote' || labels.size === 0) {
      return { ...passage, segments: [{ type: 'text', text: passage.text }] };
    }
    const segments: Segment[] = [];
    let last = 0;
    for (const match of passage.text.matchAll(markerPattern)) {
      const label = match[1] as string;
      if (!labels.has(label)) continue;
      if (match.index > last) segments.push({ type: 'text', text: passage.text.slice(last, match.index) });
      const n = (occurrences.get(label) ?? 0) + 1;
      occurrences.set(label, n);
      segments.push({ type: 'footnote-ref', label, text: match[0], refId: refAnchor(label, n), noteId: noteAnchor(label) });
      last = match.index + match[0].length;
    }
    if (last < passage.text.length) segments.push({ type: 'text', text: passage.text.slice(last) });
    return { ...passage, segments };
  };

  const blocks: Block[] = [];
  const toc: TocEntry[] = [];
  for (const passage of passages) {
    if (passage.kind === 'footnote') continue;
    const rendered = segment(passage);
    if (passage.kind === 'heading') toc.push({ passageId: passage.id, text: passage.text, level: passage.attrs.level ?? 2 });
    const previous = blocks.at(-1);
    if (passage.kind === 'list_item') {
      if (previous?.type === 'list' && previous.ordered === isOrdered(passage)) previous.items.push(rendered);
      else blocks.push({ type: 'list', ordered: isOrdered(passage), items: [rendered] });
    } else {
      blocks.push({ type: 'passage', passage: rendered });
    }
  }

  const footnotes: RenderedFootnote[] = notes.map((note) => {
    const label = note.attrs.label as string;
    const stripped = withoutBackArrow(note.text);
    const hasBackArrow = stripped !== null;
    const text = stripped ?? note.text;
    return {
      passage: { ...note, segments: [{ type: 'text', text }] },
      label,
      noteId: noteAnchor(label),
      backRefId: (occurrences.get(label) ?? 0) > 0 ? refAnchor(label, 1) : null,
      hasBackArrow,
    };
  });

  return { blocks, footnotes, toc };
}

/**
 * The level each section heading is rendered at under the page's h1: the text's own levels (`#`…`######`) made
 * into an outline that never skips a level — a heading is one deeper than the nearest heading before it with a
 * smaller source level (h2 at the top), at most h6. The title heading, shown as the h1, is left out.
 */
export function headingLevels(blocks: readonly Block[], titlePassageId: string | null): Map<string, number> {
  const levels = new Map<string, number>();
  const open: number[] = []; // the source levels of the enclosing headings
  for (const block of blocks) {
    if (block.type !== 'passage' || block.passage.kind !== 'heading' || block.passage.id === titlePassageId) continue;
    const level = block.passage.attrs.level ?? 2;
    while (open.length > 0 && (open.at(-1) as number) >= level) open.pop();
    levels.set(block.passage.id, Math.min(2 + open.length, 6));
    open.push(level);
  }
  return levels;
}
