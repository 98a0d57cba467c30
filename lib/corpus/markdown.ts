// Markdown to paragraphs with their kinds, using marked's lexer for block structure. Inline markup is dropped
// to plain text; "[^1]" footnote markers become "[1]" and their "[^1]: ..." definitions become notes.
import { Lexer, type Token, type Tokens } from 'marked';
import { replaceTags } from '../text-edges';
import type { BlockMeta, Paragraph } from './token-stream';

export type MarkdownResult = { paragraphs: Paragraph[]; notes: Map<string, string> };

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return namedEntities[body.toLowerCase()] ?? whole;
  });
}

const collapse = (text: string) => text.replace(/\s+/gu, ' ').trim();

function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return decodeEntities(fallback);
  return tokens
    .map((token): string => {
      switch (token.type) {
        case 'br':
          return ' ';
        case 'html':
          return /^<br\s*\/?>$/iu.test(token.raw.trim()) ? ' ' : decodeEntities(replaceTags(token.raw, ''));
        case 'image':
          return (token as Tokens.Image).text;
        case 'codespan':
          return decodeEntities((token as Tokens.Codespan).text);
        case 'escape':
          return (token as Tokens.Escape).text;
        default: {
          const nested = (token as { tokens?: Token[] }).tokens;
          return inlineText(nested, (token as { text?: string }).text ?? token.raw);
        }
      }
    })
    .join('');
}

const definitionHead = /^\[\^([^\]\s]+)\]:/u;
const lineTerminator = /[\n\r\u2028\u2029]/u;

/** A "[^label]: text" line's label and text (what /^\[\^([^\]\s]+)\]:\s*(.*)$/u captures, without backtracking), or null. */
function footnoteDefinition(line: string): { label: string; text: string } | null {
  const head = definitionHead.exec(line);
  if (!head) return null;
  const text = line.slice(head[0].length).trimStart();
  return lineTerminator.test(text) ? null : { label: head[1] as string, text };
}

/** Pulls out "[^label]: text" definitions (with indented continuation lines) and renames markers to "[label]". */
function liftFootnoteDefinitions(source: string): { source: string; notes: Map<string, string> } {
  const notes = new Map<string, string>();
  const kept: string[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const definition = footnoteDefinition(lines[i] ?? '');
    if (!definition) {
      kept.push(lines[i] ?? '');
      continue;
    }
    const parts = [definition.text];
    while (i + 1 < lines.length && (/^\s+\S/u.test(lines[i + 1] ?? '') || ((lines[i + 1] ?? '') === '' && /^\s+\S/u.test(lines[i + 2] ?? '')))) {
      i++;
      parts.push(lines[i] ?? '');
    }
    notes.set(definition.label, collapse(decodeEntities(parts.join(' ').replace(/\[\^([^\]\s]+)\]/gu, '[$1]'))));
  }
  return { source: kept.join('\n').replace(/\[\^([^\]\s]+)\]/gu, '[$1]'), notes };
}

export function readMarkdown(input: string): MarkdownResult {
  const { source, notes } = liftFootnoteDefinitions(input);
  const paragraphs: Paragraph[] = [];
  const emit = (text: string, meta: BlockMeta) => {
    const clean = collapse(text);
    if (clean) paragraphs.push({ text: clean, meta });
  };

  const walk = (tokens: Token[], inQuote: boolean): void => {
    for (const token of tokens) {
      switch (token.type) {
        case 'heading': {
          const heading = token as Tokens.Heading;
          emit(inlineText(heading.tokens, heading.text), inQuote ? { kind: 'quote' } : { kind: 'heading', level: heading.depth });
          break;
        }
        case 'paragraph':
        case 'text': {
          const block = token as Tokens.Paragraph | Tokens.Text;
          emit(inlineText(block.tokens, block.text), { kind: inQuote ? 'quote' : 'paragraph' });
          break;
        }
        case 'blockquote':
          walk((token as Tokens.Blockquote).tokens, true);
          break;
        case 'list':
          walkList(token as Tokens.List, inQuote);
          break;
        case 'code':
          emit((token as Tokens.Code).text, { kind: inQuote ? 'quote' : 'paragraph' });
          break;
        case 'table': {
          const table = token as Tokens.Table;
          const row = (cells: Tokens.TableCell[]) => cells.map((c) => collapse(inlineText(c.tokens, c.text))).join(' | ');
          emit(row(table.header), { kind: 'paragraph' });
          for (const r of table.rows) emit(row(r), { kind: 'paragraph' });
          break;
        }
        case 'html':
          emit(decodeEntities(replaceTags(token.raw, ' ')), { kind: inQuote ? 'quote' : 'paragraph' });
          break;
        default:
          // space, hr, def: no text of their own
          break;
      }
    }
  };

  const walkList = (list: Tokens.List, inQuote: boolean): void => {
    list.items.forEach((item, i) => {
      const written = /^\s*([-*+]|\d{1,9}[.)])/u.exec(item.raw)?.[1];
      const marker = list.ordered ? (written ?? `${Number(list.start || 1) + i}.`) : (written ?? '-');
      let first = true;
      for (const child of item.tokens) {
        if (child.type === 'list') {
          walkList(child as Tokens.List, inQuote);
          continue;
        }
        if (child.type !== 'text' && child.type !== 'paragraph') {
          walk([child], inQuote);
          continue;
        }
        const block = child as Tokens.Paragraph | Tokens.Text;
        const meta: BlockMeta = inQuote ? { kind: 'quote' } : first ? { kind: 'list_item', marker } : { kind: 'list_item' };
        emit(inlineText(block.tokens, block.text), meta);
        first = false;
      }
    });
  };

  walk(new Lexer().lex(source), false);
  return { paragraphs, notes };
}
