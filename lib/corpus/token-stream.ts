// The intermediate form every source format is reduced to before repeated renderings are merged: words with,
// after each, how strongly the source separates it from the next (same line, wrapped line, paragraph break).
import type { PassageKind } from './schemas';

/** A space inside a line: the words certainly belong to one paragraph. */
export const SPACE = 0;
/** A line break that reflowing judged a hard wrap (a guess, so weak). */
export const SOFT = 1;
/** A line break that reflowing judged a paragraph end among short lines (a guess, so weak). */
export const HARD = 2;
/** A blank line, a markup block boundary or a break between long lines: certainly a new paragraph. */
export const PARA = 3;
export type Separator = typeof SPACE | typeof SOFT | typeof HARD | typeof PARA;

export const isBreak = (sep: Separator): boolean => sep >= HARD;
export const isStrong = (sep: Separator): boolean => sep === SPACE || sep === PARA;

/** What the source's markup (or a line prefix such as "> " or "1. ") says about the paragraph starting here. */
export type BlockMeta = { kind?: PassageKind; level?: number; marker?: string };

export type TokenStream = {
  tokens: string[];
  /** separator after each token; the last one is always PARA */
  seps: Separator[];
  /** whether the token begins a source line or markup block (copies of a document start at one) */
  lineStart: boolean[];
  /** set on the first token of a line or block whose markup says what it is */
  meta: (BlockMeta | undefined)[];
};

export type Paragraph = { text: string; meta: BlockMeta | undefined };

export function emptyStream(): TokenStream {
  return { tokens: [], seps: [], lineStart: [], meta: [] };
}

/** Appends one source line (or markup block) of text; `after` separates its last word from what follows. */
export function appendLine(stream: TokenStream, text: string, after: Separator, meta?: BlockMeta): void {
  const words = text.split(/\s+/u).filter((w) => w.length > 0);
  words.forEach((word, i) => {
    stream.tokens.push(word);
    stream.seps.push(i === words.length - 1 ? after : SPACE);
    stream.lineStart.push(i === 0);
    stream.meta.push(i === 0 ? meta : undefined);
  });
}

export function sliceStream(stream: TokenStream, start: number, end: number): TokenStream {
  const seps = stream.seps.slice(start, end);
  if (seps.length > 0) seps[seps.length - 1] = PARA;
  return {
    tokens: stream.tokens.slice(start, end),
    seps,
    lineStart: stream.lineStart.slice(start, end),
    meta: stream.meta.slice(start, end),
  };
}

/** Cuts the stream into paragraphs at every (weak or strong) break. */
export function toParagraphs(stream: TokenStream): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let words: string[] = [];
  let meta: BlockMeta | undefined;
  stream.tokens.forEach((token, i) => {
    if (words.length === 0) meta = stream.meta[i];
    words.push(token);
    const sep = stream.seps[i] ?? PARA;
    if (isBreak(sep) || i === stream.tokens.length - 1) {
      paragraphs.push({ text: words.join(' '), meta });
      words = [];
      meta = undefined;
    }
  });
  return paragraphs;
}

/** One markup block per paragraph: used for Markdown and HTML, whose block structure is explicit. */
export function streamFromParagraphs(paragraphs: Paragraph[]): TokenStream {
  const stream = emptyStream();
  for (const paragraph of paragraphs) appendLine(stream, paragraph.text, PARA, paragraph.meta);
  return stream;
}
