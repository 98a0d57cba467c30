// A passage's text, with footnote markers as links to their notes. With annotations, the text is cut into
// pieces (highlight-layout.ts): plain ones stay spans, annotated ones become <mark>s coloured by their kinds. Once
// the passage is interactive (after hydration, a slice of passages at a time: use-interactive-passages.ts) the
// marks also name their annotations by number (`data-a`, indices into the reader's spans; `data-opens` on an
// annotation's first piece, which becomes a described button), and a claim's credence chart follows its text,
// drawn once it comes near the viewport: the page as served carries only what shows. Every piece of text carries
// `data-offset`, its canonical offset, which is how a selection is mapped back to the text (selection-offsets.ts).
import { createContext, useContext, useRef, type ReactNode } from 'react';
import type { Segment } from '@/lib/documents/reader-structure';
import type { HighlightStyle } from './annotation-format';
import { useNearViewport } from './client-only';
import type { FootnoteRefPiece, Piece, TextPiece } from './highlight-layout';

export type HighlightRendering = {
  styleOf: (annotation: number) => HighlightStyle;
  renderGlyph: (claimId: string, annotation: number) => ReactNode;
  /** new since the viewer's last visit (drawn by the stylesheet from `data-new`) */
  isNew?: (annotation: number) => boolean;
};

export const HighlightRenderingContext = createContext<HighlightRendering | null>(null);

function FootnoteRef({ segment, start }: { segment: Extract<Segment, { type: 'footnote-ref' }>; start: number | undefined }) {
  return (
    <sup id={segment.refId} className="scroll-mt-6" data-offset={start}>
      <a
        href={`#${segment.noteId}`}
        className="font-sans text-xs font-medium text-blue-700 no-underline hover:underline"
        aria-label={`Footnote ${segment.label}`}
        data-footnote-ref={segment.label}
      >
        {segment.text}
      </a>
    </sup>
  );
}

/**
 * Up to two more underlines below the innermost one's, for the other kinds under the same words (drawn by the
 * stylesheet from `data-u1` and `data-u2`).
 */
function stackedLines(keys: readonly number[], styleOf: (key: number) => HighlightStyle): { 'data-u1'?: HighlightStyle; 'data-u2'?: HighlightStyle } {
  const primary = styleOf(keys[keys.length - 1] as number);
  const others: HighlightStyle[] = [];
  for (let i = keys.length - 2; i >= 0 && others.length < 2; i--) {
    const style = styleOf(keys[i] as number);
    if (style !== primary && !others.includes(style)) others.push(style);
  }
  if (others.length === 0 && keys.length > 1) others.push(primary);
  return { 'data-u1': others[0], 'data-u2': others[1] };
}

function markProps(keys: readonly number[], { styleOf, isNew }: HighlightRendering, isInteractive: boolean) {
  return {
    className: 'hl',
    'data-new': isNew && keys.some(isNew) ? '' : undefined,
    'data-a': isInteractive ? keys.join(' ') : undefined,
    'data-hl': styleOf(keys[keys.length - 1] as number),
    // depth 1 is the stylesheet's default
    'data-depth': keys.length > 1 ? Math.min(keys.length, 3) : undefined,
    ...stackedLines(keys, styleOf),
  };
}

function HighlightedText({ piece, rendering, isInteractive }: { piece: TextPiece; rendering: HighlightRendering; isInteractive: boolean }) {
  if (piece.keys.length === 0) return <span data-offset={piece.start}>{piece.text}</span>;
  const opening =
    piece.opens.length > 0 && isInteractive
      ? {
          tabIndex: 0,
          role: 'button',
          // innermost first: the one Enter (or a click) opens
          'aria-describedby': [...[...piece.opens].reverse().map((key) => `hl-desc-${key}`), piece.keys.length > 1 ? `hl-count-${piece.keys.length}` : null]
            .filter(Boolean)
            .join(' '),
          'data-opens': piece.opens.join(' '),
        }
      : {};
  return (
    <mark data-offset={piece.start} {...markProps(piece.keys, rendering, isInteractive)} {...opening}>
      {piece.text}
    </mark>
  );
}

function HighlightedRef({ piece, rendering, isInteractive }: { piece: FootnoteRefPiece; rendering: HighlightRendering; isInteractive: boolean }) {
  const ref = <FootnoteRef segment={piece.segment} start={piece.start} />;
  return piece.keys.length === 0 ? ref : <mark {...markProps(piece.keys, rendering, isInteractive)}>{ref}</mark>;
}

/** Where a claim's credence chart goes: empty until it nears the viewport (thousands of charts stay cheap). */
function GlyphSlot({ claimId, annotation, rendering }: { claimId: string; annotation: number; rendering: HighlightRendering }) {
  const ref = useRef<HTMLSpanElement>(null);
  const isNear = useNearViewport(ref);
  return (
    <span ref={ref} className="credence-slot">
      {isNear && rendering.renderGlyph(claimId, annotation)}
    </span>
  );
}

/** `isInteractive`: marks name their annotations, first pieces are buttons, credence charts have their places. */
export function PassageText({ segments, pieces, isInteractive }: { segments: Segment[]; pieces?: Piece[]; isInteractive: boolean }) {
  const rendering = useContext(HighlightRenderingContext);
  if (!pieces || !rendering) {
    return (
      <>
        {segments.map((s, i) => (s.type === 'text' ? <span key={i}>{s.text}</span> : <FootnoteRef key={i} segment={s} start={undefined} />))}
      </>
    );
  }
  return (
    <>
      {pieces.map((piece) => {
        switch (piece.type) {
          case 'text':
            return <HighlightedText key={`t${piece.start}`} piece={piece} rendering={rendering} isInteractive={isInteractive} />;
          case 'footnote-ref':
            return <HighlightedRef key={`f${piece.start}`} piece={piece} rendering={rendering} isInteractive={isInteractive} />;
          default:
            return isInteractive ? <GlyphSlot key={`g${piece.claimId}`} claimId={piece.claimId} annotation={piece.annotation} rendering={rendering} /> : null;
        }
      })}
    </>
  );
}
