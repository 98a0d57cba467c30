// Rich text to plain text and back: the plain text stored beside each document, and the document a plain string
// stands for. Safe on server and client.
import { trimChars } from '../text-edges';
import type { RichTextBlock, RichTextDoc, RichTextInline, RichTextListItem } from './types';

function inlineText(nodes: readonly RichTextInline[] | undefined): string {
  return (nodes ?? []).map((node) => (node.type === 'text' ? node.text : node.type === 'mention' ? '@member' : '\n')).join('');
}

function blockLines(block: RichTextBlock | RichTextListItem, lines: string[]): void {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      lines.push(inlineText(block.content));
      return;
    case 'codeBlock':
      lines.push((block.content ?? []).map((node) => node.text).join(''));
      return;
    case 'horizontalRule':
      return;
    default:
      for (const child of block.content) blockLines(child, lines);
  }
}

/** The document's text: blocks (paragraphs, headings, list items) separated by "\n", hard breaks as "\n". */
export function plainText(doc: RichTextDoc): string {
  const lines: string[] = [];
  for (const block of doc.content ?? []) blockLines(block, lines);
  return trimChars(lines.join('\n'), '\n');
}

/** True when the document has no text other than whitespace. */
export function isEmptyRichText(doc: RichTextDoc | null | undefined): boolean {
  return !doc || plainText(doc).trim() === '';
}

/** Plain text as a document: blank lines separate paragraphs, single newlines become hard breaks. */
export function richTextFromPlainText(text: string): RichTextDoc {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  if (paragraphs.length === 0) return { type: 'doc', content: [{ type: 'paragraph' }] };
  return {
    type: 'doc',
    content: paragraphs.map((paragraph) => {
      const content: RichTextInline[] = [];
      paragraph.split('\n').forEach((line, index) => {
        if (index > 0) content.push({ type: 'hardBreak' });
        if (line !== '') content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    }),
  };
}
