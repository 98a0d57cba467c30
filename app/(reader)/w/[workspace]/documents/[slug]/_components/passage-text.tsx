// A passage's text, with footnote markers as links to their notes. With annotations, the text is cut into
// pieces (highlight-layout.ts): plain ones stay spans, annotated ones become <mark>s that name their annotations,
// and a claim's credence chart follows its text. Every piece carries `data-offset`, its canonical offset, which
// is how a selection is mapped back to the text (selection-offsets.ts).
import { createContext, useContext, type ReactNode } from 'react';
import type { Segment } from '@/lib/documents/reader-structure';
import type { HighlightStyle } from './annotation-format';
import type { FootnoteRefPiece, Piece, TextPiece } from './highlight-layout';

export type HighlightRendering = {
  styleOf: (annotationId: string) => HighlightStyle;
  renderGlyph: (claimId: string, annotationId: string) => ReactNode;
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

/** Up to two more underlines below the innermost one's, for the other kinds under the same words. */
function stackedLines(ids: readonly string[], styleOf: (id: string) => HighlightStyle): string | undefined {
  const primary = styleOf(ids[ids.length - 1] as string);
  const others: HighlightStyle[] = [];
  for (let i = ids.length - 2; i >= 0 && others.length < 2; i--) {
    const style = styleOf(ids[i] as string);
    if (style !== primary && !others.includes(style)) others.push(style);
  }
  if (others.length === 0 && ids.length > 1) others.push(primary);
  return others.length > 0 ? others.map((style, i) => `0 ${2 + i * 3}px 0 0 var(--hl-line-${style})`).join(', ') : undefined;
}

function markProps(ids: readonly string[], styleOf: (id: string) => HighlightStyle) {
  const shadow = stackedLines(ids, styleOf);
  return {
    className: 'hl',
    'data-annotation-ids': ids.join(' '),
    'data-hl': styleOf(ids[ids.length - 1] as string),
    'data-depth': Math.min(ids.length, 3),
    style: shadow ? { boxShadow: shadow } : undefined,
  };
}

function HighlightedText({ piece, styleOf }: { piece: TextPiece; styleOf: (id: string) => HighlightStyle }) {
  if (piece.ids.length === 0) return <span data-offset={piece.start}>{piece.text}</span>;
  const opening =
    piece.opens.length > 0
      ? {
          tabIndex: 0,
          role: 'button',
          // innermost first: the one Enter (or a click) opens
          'aria-describedby': [...[...piece.opens].reverse().map((id) => `hl-desc-${id}`), piece.ids.length > 1 ? `hl-count-${piece.ids.length}` : null]
            .filter(Boolean)
            .join(' '),
          'data-opens': piece.opens.join(' '),
        }
      : {};
  return (
    <mark data-offset={piece.start} {...markProps(piece.ids, styleOf)} {...opening}>
      {piece.text}
    </mark>
  );
}

function HighlightedRef({ piece, styleOf }: { piece: FootnoteRefPiece; styleOf: (id: string) => HighlightStyle }) {
  const ref = <FootnoteRef segment={piece.segment} start={piece.start} />;
  return piece.ids.length === 0 ? ref : <mark {...markProps(piece.ids, styleOf)}>{ref}</mark>;
}

export function PassageText({ segments, pieces }: { segments: Segment[]; pieces?: Piece[] }) {
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
            return <HighlightedText key={`t${piece.start}`} piece={piece} styleOf={rendering.styleOf} />;
          case 'footnote-ref':
            return <HighlightedRef key={`f${piece.start}`} piece={piece} styleOf={rendering.styleOf} />;
          default:
            return <span key={`g${piece.key}`}>{rendering.renderGlyph(piece.claimId, piece.annotationId)}</span>;
        }
      })}
    </>
  );
}
