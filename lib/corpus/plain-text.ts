// Plain text to a token stream: drops site chrome, lifts out "  1. ^" footnote blocks, splits paragraphs that a
// scrape glued together, and decides for every line break whether it is a hard wrap or a paragraph end.
import { findChrome } from './chrome';
import { endsContinuation, endsTerminal, firstWord, startsLower, startsUpper } from './sentences';
import { appendLine, emptyStream, HARD, PARA, SOFT, type BlockMeta, type Separator, type TokenStream } from './token-stream';

/** Lines longer than this are never the product of hard wrapping; breaks next to them are certain. */
const longLine = 100;

export type PlainTextResult = {
  stream: TokenStream;
  /** footnotes written as "  1. ^" followed by an indented block (label → text; "" when the block is empty) */
  notes: Map<string, string>;
  chromeLines: number;
  gluedParagraphs: number;
};

type Line = { text: string; quote: boolean; marker?: string };

const markerPattern = /^(?:[-*•+]|\d{1,3}[.)]|\(\d{1,3}\)|\([a-z]\)|[a-z]\))(?=\s+\S)/u;
// "  1. ^ text": the label, and the text after the caret (read by caretNote, without a backtracking `\s*(.*)$`)
const caretNoteHead = /^\s*(\d{1,3})\.\s*\^/u;
const lineTerminator = /[\n\r\u2028\u2029]/u;
// "debatable.And" / ">>1?I agree": a sentence end followed directly by a capitalised sentence is a paragraph
// boundary the scrape lost; abbreviations ("e.g.") are followed by a space or a lower-case word, so stay whole.
const gluePattern = /(?<=[\p{Ll}\d)\]”’][.?!])(?=\p{Lu}\p{Ll}|\p{Lu}\s|“\p{L})/gu;

export function readPlainText(input: string): PlainTextResult {
  const rawLines = input.split('\n').map((line) => line.trimEnd());
  const chrome = findChrome(rawLines);
  const lines = rawLines.map((line, i) => (chrome.has(i) ? '' : line));
  const notes = liftCaretNotes(lines);

  const split: string[] = [];
  let gluedParagraphs = 0;
  for (const line of lines) {
    const pieces = splitGlued(line);
    gluedParagraphs += pieces.length - 1;
    split.push(...pieces);
  }

  return { stream: reflow(split), notes, chromeLines: chrome.size, gluedParagraphs };
}

function splitGlued(line: string): string[] {
  const cuts: number[] = [];
  for (const match of line.matchAll(gluePattern)) {
    const at = match.index;
    const wordStart = line.lastIndexOf(' ', at) + 1;
    const wordEnd = line.indexOf(' ', at);
    const word = line.slice(wordStart, wordEnd === -1 ? undefined : wordEnd);
    if (!/[/@]|www\./u.test(word)) cuts.push(at);
  }
  if (cuts.length === 0) return [line];
  const pieces: string[] = [];
  let last = 0;
  for (const cut of cuts) {
    pieces.push(line.slice(last, cut));
    last = cut;
  }
  pieces.push(line.slice(last));
  return pieces;
}

/** A "  1. ^ text" note header: its label and text (what /^\s*(\d{1,3})\.\s*\^\s*(.*)$/u captures), or null. */
function caretNote(line: string): { label: string; text: string } | null {
  const head = caretNoteHead.exec(line);
  if (!head) return null;
  const text = line.slice(head[0].length).trimStart();
  return lineTerminator.test(text) ? null : { label: head[1] as string, text };
}

/** Removes (blanks) "  1. ^" note blocks from `lines` and returns their texts by label. */
function liftCaretNotes(lines: string[]): Map<string, string> {
  const notes = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const header = caretNote(lines[i] ?? '');
    if (!header) continue;
    const label = String(Number(header.label));
    const paragraphs: string[][] = [[]];
    if (header.text) paragraphs[0]?.push(header.text);
    lines[i] = '';
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (caretNote(line)) break;
      if (line.trim() === '') {
        if ((paragraphs.at(-1) ?? []).length > 0) paragraphs.push([]);
        continue;
      }
      if (!/^\s/u.test(line)) break;
      paragraphs.at(-1)?.push(line.trim());
      lines[j] = '';
    }
    const text = paragraphs
      .filter((p) => p.length > 0)
      .map((p) => p.join(' ').replace(/\s+/gu, ' '))
      .join('\n');
    if (!notes.has(label) || (notes.get(label) ?? '').length < text.length) notes.set(label, text);
    i = j - 1;
  }
  return notes;
}

/** "2." after "1.", "(b)" after "(a)": the next marker of the same list. */
function isNextMarker(last: string | undefined, marker: string): boolean {
  if (!last) return false;
  const shape = (m: string) => m.replace(/\d+|[a-z]/u, '#');
  const value = (m: string) => {
    const core = /\d+|[a-z]/u.exec(m)?.[0] ?? '';
    return /\d/u.test(core) ? Number(core) : core.charCodeAt(0);
  };
  return shape(last) === shape(marker) && value(marker) === value(last) + 1;
}

function parseLine(raw: string, previous: Line | undefined, lastMarker: string | undefined): Line {
  let text = raw.trim();
  const quote = /^>/u.test(text);
  if (quote) text = text.replace(/^(?:>\s?)+/u, '').trim();
  const marker = markerPattern.exec(text)?.[0];
  // A line that merely starts with "2." inside a running sentence is not a list item; in a list, or after a
  // finished sentence, it is.
  const markerAllowed =
    !previous ||
    endsTerminal(previous.text) ||
    /:$/u.test(previous.text) ||
    previous.marker !== undefined ||
    isNextMarker(lastMarker, marker ?? '') ||
    ((lastMarker !== undefined || /^[-*•+]$/u.test(marker ?? '')) && !endsContinuation(previous.text));
  return marker && markerAllowed ? { text, quote, marker } : { text, quote };
}

/** Lines to a token stream, with a separator decision for every line break. */
export function reflow(rawLines: string[]): TokenStream {
  const stream = emptyStream();
  let block: Line[] = [];
  const flush = () => {
    if (block.length > 0) appendBlock(stream, block);
    block = [];
  };
  for (const raw of rawLines) {
    if (raw.trim() === '') {
      flush();
      continue;
    }
    block.push(parseLine(raw, block.at(-1), block.findLast((line) => line.marker !== undefined)?.marker));
  }
  flush();
  return stream;
}

type Stretch = { wrapped: boolean; width: number };

/**
 * Runs of consecutive short lines. A run is hard-wrapped text when many of its lines continue the previous
 * line's sentence (start in lower case); its wrap width is the longest line that is certainly wrapped.
 */
function findStretches(lines: Line[]): (Stretch | undefined)[] {
  const result: (Stretch | undefined)[] = lines.map(() => undefined);
  let i = 0;
  while (i < lines.length) {
    if ((lines[i]?.text.length ?? 0) > longLine) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && (lines[j]?.text.length ?? 0) <= longLine) j++;
    const run = lines.slice(i, j);
    let lower = 0;
    let width = 0;
    for (let k = 1; k < run.length; k++) {
      const line = run[k] as Line;
      const previous = run[k - 1] as Line;
      if (startsLower(line.text)) {
        lower++;
        if (!endsTerminal(previous.text)) width = Math.max(width, previous.text.length);
      }
    }
    const wrapped = run.length >= 3 && lower / (run.length - 1) >= 0.3;
    if (width === 0) width = Math.max(...run.map((line) => line.text.length));
    for (let k = i; k < j; k++) result[k] = { wrapped, width };
    i = j;
  }
  return result;
}

function appendBlock(stream: TokenStream, lines: Line[]): void {
  const stretches = findStretches(lines);
  let paragraphStart = true;
  let parenDepth = 0;
  let paragraphLength = 0;
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    const meta: BlockMeta | undefined = line.quote ? { kind: 'quote' } : line.marker ? { kind: 'list_item', marker: line.marker } : undefined;
    if (paragraphStart) {
      parenDepth = 0;
      paragraphLength = 0;
    }
    parenDepth = Math.max(0, parenDepth + count(line.text, '(') - count(line.text, ')'));
    paragraphLength += line.text.length;
    const sep: Separator = next
      ? decideBreak(line, next, stretches[i], stretches[i + 1], { paragraphStart, openParen: parenDepth > 0 && paragraphLength < 600 })
      : PARA;
    appendLine(stream, line.text, sep, paragraphStart ? meta : undefined);
    paragraphStart = sep === HARD || sep === PARA;
  });
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

type BreakContext = { paragraphStart: boolean; openParen: boolean };

function decideBreak(line: Line, next: Line, here: Stretch | undefined, there: Stretch | undefined, context: BreakContext): Separator {
  if (line.quote !== next.quote || next.marker !== undefined) return PARA;
  const text = line.text;
  // Quoted lines ("> ...") are usually wrapped mail-style: a lower-case line continues the quote.
  if (line.quote && startsLower(next.text) && !endsTerminal(text)) return SOFT;
  if (!here || !there) {
    // Next to a long line: one paragraph per line, unless the line visibly stops mid-phrase.
    return endsContinuation(text) && startsLower(next.text) ? SOFT : PARA;
  }
  if (here.wrapped && there.wrapped) return wrappedBreak(text, next.text, here.width, context);
  if (endsContinuation(text) || context.openParen) return SOFT;
  return HARD;
}

/** Hard-wrapped text: a line ends a paragraph only if the next word would have fitted on it. */
function wrappedBreak(text: string, next: string, width: number, context: BreakContext): Separator {
  const fits = text.length + 1 + firstWord(next).length <= width || text.length > width;
  if (context.openParen) return SOFT;
  if (endsTerminal(text)) return startsLower(next) || !fits ? SOFT : HARD;
  if (/:$/u.test(text)) return startsUpper(next) ? HARD : SOFT;
  if (startsLower(next) || endsContinuation(text)) return SOFT;
  // A short line of its own that the next line's first word would have fitted on: a heading.
  if (context.paragraphStart && fits && startsUpper(next)) return HARD;
  return SOFT;
}
