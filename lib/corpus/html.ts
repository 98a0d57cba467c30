// HTML to paragraphs with their kinds: walks block elements (headings, paragraphs, list items, blockquotes,
// footnote sections) with htmlparser2, skipping scripts, styles and page furniture. Inline markup becomes text.
import { DomUtils, parseDocument } from 'htmlparser2';
import { trailingDigits } from '../text-edges';
import type { BlockMeta, Paragraph } from './token-stream';

export type HtmlResult = { paragraphs: Paragraph[]; notes: Map<string, string> };

type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = Extract<DomNode, { name: string; attribs: Record<string, string> }>;

const skipped = new Set(['script', 'style', 'nav', 'header', 'footer', 'noscript', 'template', 'svg', 'form', 'button', 'iframe', 'head', 'select', 'textarea']);
const blocks = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'html', 'li', 'main', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption',
]);

const collapse = (text: string) => text.replace(/\s+/gu, ' ').trim();
type DomText = Extract<DomNode, { data: string }>;
const isElement = (node: DomNode): node is DomElement => 'attribs' in node && 'name' in node;
const isText = (node: DomNode): node is DomText => (node.type as string) === 'text' && 'data' in node;

function isFootnoteContainer(element: DomElement): boolean {
  const role = element.attribs.role ?? '';
  if (role === 'doc-endnotes' || role === 'doc-footnotes') return true;
  const names = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`;
  return ['section', 'div', 'ol', 'ul', 'aside'].includes(element.name) && /\bfootnotes?\b|footnote-section|endnotes/iu.test(names);
}

function isFootnoteRef(element: DomElement): boolean {
  const href = element.attribs.href ?? '';
  return element.name === 'a' && (/^#fn/iu.test(href) || /footnote-ref/iu.test(element.attribs.class ?? '') || element.attribs.role === 'doc-noteref');
}

/** The text of an inline run; footnote references become "[n]". */
function inlineText(nodes: DomNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (isText(node)) out += node.data;
    else if (isElement(node)) {
      if (skipped.has(node.name)) continue;
      if (node.name === 'br') out += ' ';
      else if (node.name === 'img') out += node.attribs.alt ?? '';
      else if (isFootnoteRef(node)) {
        const label = collapse(inlineText(node.children));
        out += /^\d{1,3}$/u.test(label) ? `[${label}]` : label;
      } else out += inlineText(node.children);
    }
  }
  return out;
}

export function readHtml(input: string): HtmlResult {
  const document = parseDocument(input);
  const paragraphs: Paragraph[] = [];
  const notes = new Map<string, string>();

  const emit = (text: string, meta: BlockMeta) => {
    const clean = collapse(text);
    if (clean) paragraphs.push({ text: clean, meta });
  };

  type Context = { quote: boolean; item?: { marker?: string } };

  const walk = (nodes: DomNode[], context: Context): void => {
    let run: DomNode[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const text = inlineText(run);
      run = [];
      if (!collapse(text)) return;
      if (context.quote) emit(text, { kind: 'quote' });
      else if (context.item) {
        emit(text, context.item.marker ? { kind: 'list_item', marker: context.item.marker } : { kind: 'list_item' });
        context.item = {};
      } else emit(text, { kind: 'paragraph' });
    };
    for (const node of nodes) {
      if (!isElement(node)) {
        if (isText(node)) run.push(node);
        continue;
      }
      if (skipped.has(node.name)) continue;
      if (!blocks.has(node.name)) {
        run.push(node);
        continue;
      }
      flush();
      block(node, context);
    }
    flush();
  };

  const block = (element: DomElement, context: Context): void => {
    const name = element.name;
    if (isFootnoteContainer(element)) {
      collectNotes(element);
      return;
    }
    if (/^h[1-6]$/u.test(name)) {
      emit(inlineText(element.children), context.quote ? { kind: 'quote' } : { kind: 'heading', level: Number(name.slice(1)) });
      return;
    }
    if (name === 'blockquote') return walk(element.children, { quote: true });
    if (name === 'ol' || name === 'ul') {
      let number = Number(element.attribs.start ?? '1') || 1;
      for (const child of element.children) {
        if (!isElement(child) || child.name !== 'li') continue;
        const marker = name === 'ol' ? `${number++}.` : '-';
        walk(child.children, { quote: context.quote, item: { marker } });
      }
      return;
    }
    if (name === 'tr') {
      const cells = element.children.filter(isElement).map((cell) => collapse(inlineText(cell.children)));
      emit(cells.filter(Boolean).join(' | '), { kind: context.quote ? 'quote' : 'paragraph' });
      return;
    }
    if (name === 'hr') return;
    walk(element.children, context);
  };

  const collectNotes = (container: DomElement): void => {
    const items = DomUtils.findAll((el) => el.name === 'li', container.children);
    items.forEach((item, i) => {
      const label = trailingDigits(item.attribs.id ?? '') || String(i + 1);
      const parts: string[] = [];
      const collect = (nodes: DomNode[]) => {
        let run: DomNode[] = [];
        const flush = () => {
          const text = collapse(inlineText(run));
          if (text) parts.push(text);
          run = [];
        };
        for (const node of nodes) {
          if (isElement(node) && blocks.has(node.name)) {
            flush();
            collect(node.children);
          } else run.push(node);
        }
        flush();
      };
      collect(item.children);
      // A back link in a block of its own belongs at the end of the note's last paragraph.
      notes.set(String(Number(label)), parts.join('\n').replace(/\n(\u21A9\uFE0E?)$/u, ' $1'));
    });
  };

  walk(document.children, { quote: false });
  return { paragraphs, notes };
}
