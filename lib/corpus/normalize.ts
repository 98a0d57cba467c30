// The corpus importer's entry: raw text, Markdown or HTML in, one normalised document out (canonical text cut
// into typed passages with stable ids, footnote links, warnings). Pure and deterministic; server/CLI only.
import { createHash } from 'node:crypto';
import { classifyParagraphs, type ClassifiedParagraph } from './classify';
import { findChrome } from './chrome';
import { byNumber, detectTrailingNotes, markerPattern } from './footnotes';
import { readHtml } from './html';
import { readMarkdown } from './markdown';
import { readPlainText } from './plain-text';
import { mergeAllRenderings } from './renderings';
import { trimEndSpaceAnd } from '../text-edges';
import type { FootnoteLink, NormalizedDocument, NormalizedPassage, PassageKind, SourceFormat } from './schemas';
import { streamFromParagraphs, toParagraphs, type Paragraph, type TokenStream } from './token-stream';

export type NormalizeOptions = { format?: SourceFormat; filename?: string; title?: string };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `"p"` + the first 12 hex digits of sha256(kind, text, occurrence): the same passage gets the same id. */
export function passageId(kind: PassageKind, text: string, occurrence: number): string {
  return `p${sha256(`${kind}\u0000${text}\u0000${occurrence}`).slice(0, 12)}`;
}

/** sha256 of the canonical text and the passages' kinds and ranges. */
export function contentHash(doc: NormalizedDocument): string {
  const layout = doc.passages.map((p) => `${p.kind}:${p.start}-${p.end}${p.attrs.level ? `:h${p.attrs.level}` : ''}${p.attrs.label ? `:n${p.attrs.label}` : ''}`);
  return sha256(`${doc.text}\u0000${layout.join(',')}`);
}

const markdownSignals: RegExp[] = [
  /^#{1,6}\s+\S/mu, // ATX heading
  /^```/mu, // fenced code
  /\[[^[\]\n]+\]\([^()[\]\s]+\)/u, // inline link
  /^\S.*\n(?:=+|-{3,})\s*$/mu, // setext heading
  /\*\*[^*\n]+\*\*|__[^_\n]+__/u, // strong emphasis
  /^\[\^[^\]]+\]:/mu, // footnote definition
];

/** By extension (.md/.markdown, .html/.htm, .txt), otherwise by sniffing the content; plain text by default. */
export function detectFormat(input: string, filename?: string): SourceFormat {
  const extension = /\.([a-z0-9]+)$/iu.exec(filename ?? '')?.[1]?.toLowerCase();
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  if (extension === 'html' || extension === 'htm') return 'html';
  if (extension === 'txt' || extension === 'text') return 'text';
  const head = input.slice(0, 4000);
  if (/^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/iu.test(head)) return 'html';
  const tags = head.match(/<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|article|section|span|a|br)\b[^>]*>/giu) ?? [];
  if (tags.length >= 3 && /^\s*</u.test(head)) return 'html';
  const signals = markdownSignals.filter((pattern) => pattern.test(head)).length;
  return signals >= 2 || /^#{1,6}\s+\S/u.test(head.trimStart()) ? 'markdown' : 'text';
}

type SourceRead = {
  stream: TokenStream;
  notes: Map<string, string>;
  inferKinds: boolean;
  warnings: string[];
};

function dropChromeBlocks(paragraphs: Paragraph[], warnings: string[]): Paragraph[] {
  const chrome = findChrome(paragraphs.map((p) => p.text));
  if (chrome.size > 0) warnings.push(`dropped ${chrome.size} ${chrome.size === 1 ? 'block' : 'blocks'} of site chrome`);
  return paragraphs.filter((_, i) => !chrome.has(i));
}

function readSource(input: string, format: SourceFormat): SourceRead {
  const warnings: string[] = [];
  if (format === 'text') {
    const read = readPlainText(input);
    if (read.chromeLines > 0) warnings.push(`dropped ${read.chromeLines} ${read.chromeLines === 1 ? 'line' : 'lines'} of site chrome`);
    if (read.gluedParagraphs > 0) {
      warnings.push(`split ${read.gluedParagraphs} ${read.gluedParagraphs === 1 ? 'place where two paragraphs were' : 'places where paragraphs were'} run together`);
    }
    return { stream: read.stream, notes: read.notes, inferKinds: true, warnings };
  }
  const read = format === 'markdown' ? readMarkdown(input) : readHtml(input);
  return { stream: streamFromParagraphs(dropChromeBlocks(read.paragraphs, warnings)), notes: read.notes, inferKinds: false, warnings };
}

const genericHeadings = /^(?:tl;?dr|summary|introduction|abstract|contents|table of contents|overview|background|preface|epigraph|foreword)$/iu;

function chooseTitle(body: ClassifiedParagraph[], options: NormalizeOptions): string {
  if (options.title?.trim()) return options.title.trim();
  const headingIndex = body.findIndex((p) => p.kind === 'heading');
  const heading = body[headingIndex];
  if (heading && headingIndex <= 2 && !genericHeadings.test(heading.text.replace(/^the\s+/iu, ''))) {
    return heading.text.replace(markerPattern(), '').trim();
  }
  const first = body.find((p) => p.kind === 'paragraph' || p.kind === 'heading' || p.kind === 'list_item');
  if (first) {
    const unprefixed = first.text.replace(markerPattern(), '').trim().replace(/^(?:tl;?dr|summary|abstract)\s*[:.–—-]\s*/iu, '');
    const text = unprefixed.charAt(0).toUpperCase() + unprefixed.slice(1);
    const sentence = /^.*?[.!?…](?=\s|$)/u.exec(text)?.[0] ?? text;
    if (sentence.length <= 120) return sentence;
    const cut = sentence.slice(0, 120);
    return `${trimEndSpaceAnd(cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : 120), ',;:–—-')}…`;
  }
  const base = options.filename?.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, '');
  return base || 'Untitled';
}

export function normalizeDocument(input: string, options: NormalizeOptions = {}): NormalizedDocument {
  const clean = input.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const format = options.format ?? detectFormat(clean, options.filename);
  const source = readSource(clean, format);
  const warnings = [...source.warnings];

  const merged = mergeAllRenderings(source.stream);
  if (merged.copies > 1) warnings.push(`merged ${merged.copies} renderings of the document`);
  const paragraphs = toParagraphs(merged.stream);

  let bodyParagraphs = paragraphs;
  let notes = source.notes;
  if (notes.size === 0) {
    const detected = detectTrailingNotes(paragraphs);
    bodyParagraphs = detected.body;
    notes = detected.notes;
    if (detected.description?.startsWith('took')) warnings.push(detected.description);
  }

  const body = classifyParagraphs(bodyParagraphs, source.inferKinds).filter((p) => p.text.length > 0);
  const noteLabels = [...notes.keys()].sort(byNumber);
  const pieces: ClassifiedParagraph[] = [...body];
  for (const label of noteLabels) {
    const text = notes.get(label) ?? '';
    if (text) pieces.push({ text, kind: 'footnote', attrs: { label } });
  }

  // Canonical text, ranges and ids.
  const occurrences = new Map<string, number>();
  const passages: NormalizedPassage[] = [];
  let text = '';
  pieces.forEach((piece, index) => {
    if (index > 0) text += '\n\n';
    const start = text.length;
    text += piece.text;
    const key = `${piece.kind}\u0000${piece.text}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    passages.push({
      id: passageId(piece.kind, piece.text, occurrence),
      index,
      kind: piece.kind,
      text: piece.text,
      start,
      end: text.length,
      attrs: { ...piece.attrs },
    });
  });

  const footnotes = linkFootnotes(passages, noteLabels, warnings);
  return { title: chooseTitle(body, options), format, text, passages, footnotes, warnings };
}

function linkFootnotes(passages: NormalizedPassage[], noteLabels: string[], warnings: string[]): FootnoteLink[] {
  const notePassage = new Map<string, string>();
  for (const p of passages) if (p.kind === 'footnote' && p.attrs.label) notePassage.set(p.attrs.label, p.id);
  const refs = new Map<string, FootnoteLink['refs']>();
  for (const p of passages) {
    if (p.kind === 'footnote') continue;
    const labels: string[] = [];
    for (const match of p.text.matchAll(markerPattern())) {
      const label = String(Number(match[1]));
      const start = p.start + match.index;
      const list = refs.get(label) ?? [];
      list.push({ passageId: p.id, start, end: start + match[0].length });
      refs.set(label, list);
      if (!labels.includes(label)) labels.push(label);
    }
    if (labels.length > 0) p.attrs.refs = labels;
  }
  const labels = [...new Set([...noteLabels, ...refs.keys()])].sort(byNumber);
  return labels.map((label) => {
    const passageIdForNote = notePassage.get(label) ?? null;
    const markerRefs = refs.get(label) ?? [];
    if (noteLabels.includes(label) && !passageIdForNote) warnings.push(`footnote ${label} has no text`);
    else if (!passageIdForNote) {
      warnings.push(
        markerRefs.length === 1
          ? `footnote marker [${label}] has no note`
          : `footnote marker [${label}] appears ${markerRefs.length} times but has no note`,
      );
    }
    if (passageIdForNote && markerRefs.length === 0) warnings.push(`footnote ${label} has no marker in the text`);
    return { label, passageId: passageIdForNote, refs: markerRefs };
  });
}
