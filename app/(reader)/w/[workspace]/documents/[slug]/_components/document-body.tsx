// The document's passages with their structure: headings, paragraphs, lists, quotes, and the notes at the end.
// Every passage carries its stable anchor, id="p-<passageId>". With a highlight layout, each passage's text is
// rendered as its pieces (highlights and credence charts); memoised, so reader state elsewhere never re-renders it,
// and block by block, so a slice of passages turning interactive (`interactiveUntil`) re-renders only those.
// Passages at or after `paintedUntil` show `plainLayout`, their text with no highlight, until they are painted.
// A first heading that repeats the document's title (titlePassageId) is the page's title, h1#document-title, and
// the page's header leaves its own title out, so the title is not shown twice.
import { memo, useMemo } from 'react';
import { headingLevels, type Block, type ReaderStructure, type RenderedPassage } from '@/lib/documents/reader-structure';
import type { Piece } from './highlight-layout';
import { PassageText } from './passage-text';

type Layout = ReadonlyMap<string, Piece[]> | undefined;
/** the highlight layout, what passages not painted yet show instead, and which passages are painted */
type Layouts = { layout: Layout; plainLayout: Layout; paintedUntil: number };

const piecesOf = ({ layout, plainLayout, paintedUntil }: Layouts, passage: { id: string; index: number }): Piece[] | undefined =>
  (passage.index < paintedUntil ? layout : (plainLayout ?? layout))?.get(passage.id);

const headingTags = { 2: 'h2', 3: 'h3', 4: 'h4', 5: 'h5', 6: 'h6' } as const;
type Levels = ReadonlyMap<string, number>;

/**
 * A bound on passage indices (which passages are interactive, or painted) for one block: all of its passages
 * (Infinity), none (-Infinity), or those with an index below `until`. Blocks entirely on one side get the same value
 * slice after slice, so their memo holds.
 */
function untilFor([first, last]: readonly [number, number], until: number): number {
  if (last < until) return Number.POSITIVE_INFINITY;
  if (first >= until) return Number.NEGATIVE_INFINITY;
  return until;
}

function Passage({
  passage,
  layouts,
  titlePassageId,
  levels,
  isInteractive,
}: {
  passage: RenderedPassage;
  layouts: Layouts;
  titlePassageId: string | null;
  levels: Levels;
  isInteractive: boolean;
}) {
  const common = { id: `p-${passage.id}`, 'data-passage-index': passage.index, 'data-kind': passage.kind, className: PASSAGE_CLASS };
  const text = <PassageText segments={passage.segments} pieces={piecesOf(layouts, passage)} isInteractive={isInteractive} />;
  switch (passage.kind) {
    case 'heading': {
      if (passage.id === titlePassageId) {
        return (
          <h1 id="document-title" className="not-prose mb-6 font-serif text-3xl leading-tight font-semibold tracking-tight text-stone-900">
            <span {...common}>{text}</span>
          </h1>
        );
      }
      // the outline's level, not the text's own: section headings never skip a level under the page's h1
      const Tag = headingTags[(levels.get(passage.id) ?? 2) as keyof typeof headingTags];
      return <Tag {...common}>{text}</Tag>;
    }
    case 'quote':
      return <blockquote {...common}>{text}</blockquote>;
    default:
      return <p {...common}>{text}</p>;
  }
}

const BlockView = memo(function BlockView({
  block,
  layout,
  plainLayout,
  paintedUntil,
  titlePassageId,
  levels,
  interactiveUntil,
}: Layouts & {
  block: Block;
  titlePassageId: string | null;
  levels: Levels;
  interactiveUntil: number;
}) {
  const layouts = { layout, plainLayout, paintedUntil };
  if (block.type === 'passage') {
    return <Passage passage={block.passage} layouts={layouts} titlePassageId={titlePassageId} levels={levels} isInteractive={block.passage.index < interactiveUntil} />;
  }
  const items = block.items.map((item) => (
    <li key={item.id} id={`p-${item.id}`} data-passage-index={item.index} data-kind={item.kind} className={PASSAGE_CLASS}>
      <PassageText segments={item.segments} pieces={piecesOf(layouts, item)} isInteractive={item.index < interactiveUntil} />
    </li>
  ));
  return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
});

/**
 * Each passage: scrolled to with a margin above it, and drawn only near the viewport (content-visibility: auto; its
 * last drawn height kept): thousands of highlights off screen then cost no style, layout or paint as they are
 * painted in.
 */
const PASSAGE_CLASS = 'scroll-mt-6 [content-visibility:auto] [contain-intrinsic-size:auto_3lh]';

const blockRange = (block: Block): [number, number] =>
  block.type === 'passage' ? [block.passage.index, block.passage.index] : [block.items[0]?.index ?? 0, block.items.at(-1)?.index ?? 0];

export const DocumentBody = memo(function DocumentBody({
  structure,
  layout,
  plainLayout,
  paintedUntil = Number.POSITIVE_INFINITY,
  titlePassageId = null,
  interactiveUntil = Number.NEGATIVE_INFINITY,
}: {
  structure: ReaderStructure;
  layout?: Layout;
  /** what passages at or after `paintedUntil` show (default: all show `layout`) */
  plainLayout?: Layout;
  paintedUntil?: number;
  /** the first heading, when it repeats the title: shown as the title */
  titlePassageId?: string | null;
  /** passages with an index below this are interactive (Infinity: all; the server renders none) */
  interactiveUntil?: number;
}) {
  const levels = useMemo(() => headingLevels(structure.blocks, titlePassageId), [structure.blocks, titlePassageId]);
  return (
    <div className="prose prose-stone max-w-none font-serif text-[1.075rem] leading-relaxed prose-headings:font-sans prose-headings:tracking-tight prose-blockquote:font-normal prose-blockquote:not-italic">
      {structure.blocks.map((block) => {
        const range = blockRange(block);
        return (
          <BlockView
            key={block.type === 'passage' ? block.passage.id : block.items[0]?.id}
            block={block}
            layout={layout}
            plainLayout={plainLayout}
            paintedUntil={untilFor(range, paintedUntil)}
            titlePassageId={titlePassageId}
            levels={levels}
            interactiveUntil={untilFor(range, interactiveUntil)}
          />
        );
      })}
      {structure.footnotes.length > 0 && (
        <section aria-labelledby="footnotes-heading" className="mt-12 border-t border-stone-300 pt-4 text-[0.95rem]">
          <h2 id="footnotes-heading" className="text-base">
            Notes
          </h2>
          <ol className="list-none pl-0">
            {structure.footnotes.map((note) => (
              <li
                key={note.passage.id}
                id={`p-${note.passage.id}`}
                data-passage-index={note.passage.index}
                data-kind="footnote"
                className="scroll-mt-6 pl-0 whitespace-pre-line"
              >
                <span id={note.noteId} className="scroll-mt-6 font-sans text-xs font-semibold text-stone-500">
                  [{note.label}]
                </span>{' '}
                <PassageText
                  segments={note.passage.segments}
                  pieces={piecesOf({ layout, plainLayout, paintedUntil }, note.passage)}
                  isInteractive={note.passage.index < interactiveUntil}
                />
                {note.backRefId && (
                  <>
                    {' '}
                    <a href={`#${note.backRefId}`} aria-label={`Back to the reference to note ${note.label}`} className="no-underline" data-footnote-back={note.label}>
                      ↩︎
                    </a>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
});
