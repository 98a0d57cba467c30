// The rich-text schema against what the editor produces, what a hostile API client might send, and the
// plain-text conversions both ways.
import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { richTextExtensions } from './extensions';
import { LINK_REL, isAllowedLinkHref, normalizeLinkInput } from './links';
import { isEmptyRichText, plainText, richTextFromPlainText } from './plain-text';
import type { RichTextDoc } from './types';
import { MAX_TEXT_CHARS } from './limits';
import { richTextDocSchema, richTextInputSchema } from './validator';

const editorSchema = getSchema(richTextExtensions);
/** The JSON the editor itself would hold for this document (ProseMirror fills in every default attribute). */
const asEditorJSON = (doc: unknown) => Node.fromJSON(editorSchema, doc).toJSON() as unknown;

const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const link = (href: unknown, extra: Record<string, unknown> = {}) => ({ type: 'link', attrs: { href, ...extra } });

/** Parses as an API body field would be, so paths read as a client sees them. */
function issuesOf(body: unknown): { path: string; message: string }[] {
  const result = z.object({ body: richTextDocSchema }).safeParse({ body });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

const everything = doc(
  { type: 'heading', attrs: { level: 2 }, content: [text('Why the argument fails')] },
  paragraph(
    text('Plain, '),
    text('bold', [{ type: 'bold' }]),
    text(' and '),
    text('all at once', [{ type: 'bold' }, { type: 'italic' }, { type: 'strike' }, { type: 'underline' }]),
    { type: 'hardBreak' },
    text('inline code', [{ type: 'code' }]),
    text(' and a '),
    text('link', [link('https://example.org/a?b=c#d')]),
    text(' or '),
    text('mail', [link('mailto:ada@example.org')]),
  ),
  { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('one'))] }, { type: 'listItem', content: [paragraph(text('two')), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('nested'))] }] }] }] },
  { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph(text('three'))] }] },
  { type: 'blockquote', content: [paragraph(text('quoted'))] },
  { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1;\nconst b = 2;')] },
  { type: 'horizontalRule' },
  { type: 'heading', attrs: { level: 4 }, content: [text('End')] },
);

describe('richTextDocSchema: documents the editor produces', () => {
  it('accepts every allowed node and mark exactly as the editor serialises them, unchanged', () => {
    const editorJSON = asEditorJSON(everything);
    expect(richTextDocSchema.parse(editorJSON)).toEqual(editorJSON);
  });

  it('accepts hand-written JSON that leaves default attributes out, unchanged apart from link attributes', () => {
    const parsed = richTextDocSchema.parse(everything);
    expect(JSON.stringify(parsed)).not.toContain('"class":"');
    const withoutLinks = doc(paragraph(text('x', [{ type: 'italic' }])), { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph()] }] });
    expect(richTextDocSchema.parse(withoutLinks)).toEqual(withoutLinks);
  });

  it('forces rel and target on links and drops their class', () => {
    const input = doc(paragraph(text('x', [link('https://example.org', { target: null, rel: 'opener', class: 'evil', title: 'Example' })])));
    const parsed = richTextDocSchema.parse(input);
    expect(parsed.content[0]).toEqual(
      paragraph(text('x', [{ type: 'link', attrs: { href: 'https://example.org', target: '_blank', rel: LINK_REL, class: null, title: 'Example' } }])),
    );
  });

  it('returns a copy, so changing the result never changes the input', () => {
    const input = doc(paragraph(text('x')));
    const parsed = richTextDocSchema.parse(input);
    (parsed.content[0] as { content: { text: string }[] }).content[0]!.text = 'changed';
    expect(input).toEqual(doc(paragraph(text('x'))));
  });

  it('allows an empty document and stores it as one empty paragraph', () => {
    expect(richTextDocSchema.parse({ type: 'doc' })).toEqual(doc({ type: 'paragraph' }));
    expect(richTextDocSchema.parse(doc())).toEqual(doc({ type: 'paragraph' }));
    expect(richTextInputSchema.parse(doc(paragraph()))).toEqual({ doc: doc(paragraph()), text: '' });
  });

  it('allows exactly 20 000 characters of text, counted across nodes', () => {
    const half = 'a'.repeat(MAX_TEXT_CHARS / 2);
    expect(issuesOf(doc(paragraph(text(half)), paragraph(text(half, [{ type: 'bold' }]))))).toEqual([]);
  });

  it('allows nesting up to 20 levels', () => {
    let node: unknown = paragraph(text('deep'));
    for (let i = 0; i < 18; i++) node = { type: 'blockquote', content: [node] };
    expect(issuesOf(doc(node))).toEqual([]);
  });
});

describe('richTextDocSchema: what it refuses, with the path and message a client reads', () => {
  const linkPath = 'body.content.0.content.1.marks.0.attrs.href';
  const linkMessage = 'Links must be http, https or mailto URLs.';
  const linked = (href: unknown) => doc(paragraph(text('see '), text('here', [link(href)])));

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['mixed-case javascript: with a leading space', ' JaVaScRiPt:alert(1)'],
    ['javascript: with a tab inside the scheme', 'java\tscript:alert(1)'],
    ['javascript: with a newline before the colon', 'javascript\n:alert(1)'],
    ['javascript: after a NUL', '\u0000javascript:alert(1)'],
    ['javascript: after a zero-width space', '\u200bjavascript:alert(1)'],
    ['an http URL with a control character', 'https://example.org/\u0007'],
    ['an http URL with a space', 'https://example.org/a b'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['a relative path', '/settings'],
    ['a relative file', 'page.html'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['http without slashes', 'http:evil.example'],
    ['https with backslashes', 'https:\\\\evil.example'],
    ['a bare host name', 'example.org'],
    ['an empty href', ''],
    ['an empty mailto', 'mailto:'],
    ['a number', 42],
    ['null', null],
    ['an over-long URL', `https://example.org/${'a'.repeat(2100)}`],
  ])('refuses a link to %s', (_name, href) => {
    const issues = issuesOf(linked(href));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(linkPath);
    expect(issues[0]!.message).toBe(typeof href === 'string' && href.length > 2048 ? 'Links must be at most 2048 characters.' : linkMessage);
  });

  it('refuses a link without attrs or without href', () => {
    expect(issuesOf(doc(paragraph(text('x', [{ type: 'link' }]))))).toEqual([{ path: 'body.content.0.content.0.marks.0.attrs.href', message: linkMessage }]);
    expect(issuesOf(doc(paragraph(text('x', [{ type: 'link', attrs: { target: '_blank' } }]))))).toEqual([
      { path: 'body.content.0.content.0.marks.0.attrs.href', message: linkMessage },
    ]);
  });

  it.each<[string, unknown, string, string]>([
    ['an image node', doc({ type: 'image', attrs: { src: 'x', onerror: 'alert(1)' } }), 'body.content.0.type', 'Unknown node type "image".'],
    ['an iframe node', doc(paragraph(text('a')), { type: 'iframe', attrs: { src: 'https://evil.example' } }), 'body.content.1.type', 'Unknown node type "iframe".'],
    ['a script node', doc({ type: 'script', content: [text('alert(1)')] }), 'body.content.0.type', 'Unknown node type "script".'],
    ['an inline image', doc(paragraph({ type: 'image', attrs: { src: 'x' } })), 'body.content.0.content.0.type', 'Unknown node type "image".'],
    ['a nested doc', doc({ type: 'doc', content: [] }), 'body.content.0.type', 'Unknown node type "doc".'],
    ['a node without a type', doc({ content: [] }), 'body.content.0.type', 'Unknown node type undefined.'],
    ['an unknown mark', doc(paragraph(text('x', [{ type: 'highlight' }]))), 'body.content.0.content.0.marks.0.type', 'Unknown mark type "highlight".'],
    ['a textStyle mark with a style', doc(paragraph(text('x', [{ type: 'textStyle', attrs: { style: 'background:url(x)' } }]))), 'body.content.0.content.0.marks.0.type', 'Unknown mark type "textStyle".'],
  ])('refuses %s', (_name, body, path, messageStart) => {
    const issues = issuesOf(body);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.message.startsWith(messageStart)).toBe(true);
    expect(issues[0]!.message).toContain('Allowed: ');
  });

  it.each<[string, unknown, { path: string; message: string }]>([
    ['an event handler on a paragraph', doc({ type: 'paragraph', attrs: { onclick: 'alert(1)' } }), { path: 'body.content.0.attrs.onclick', message: 'Unknown attribute "onclick" on a paragraph node.' }],
    ['a style attribute on a heading', doc({ type: 'heading', attrs: { level: 2, style: 'color:red' } }), { path: 'body.content.0.attrs.style', message: 'Unknown attribute "style" on a heading node.' }],
    ['an event handler on a link', doc(paragraph(text('x', [link('https://example.org', { onmouseover: 'alert(1)' })]))), { path: 'body.content.0.content.0.marks.0.attrs.onmouseover', message: 'Unknown attribute "onmouseover" on a link mark.' }],
    ['attributes on bold', doc(paragraph(text('x', [{ type: 'bold', attrs: { class: 'x' } }]))), { path: 'body.content.0.content.0.marks.0.attrs.class', message: 'Unknown attribute "class" on a bold mark.' }],
    ['a link target other than _blank', doc(paragraph(text('x', [link('https://example.org', { target: '_top' })]))), { path: 'body.content.0.content.0.marks.0.attrs.target', message: 'Link target may only be "_blank" or null.' }],
    ['an extra property on a node', doc({ type: 'paragraph', style: 'x' }), { path: 'body.content.0.style', message: 'Unknown property "style" on a paragraph node.' }],
    ['an extra property on a mark', doc(paragraph(text('x', [{ type: 'bold', html: '<b>' }]))), { path: 'body.content.0.content.0.marks.0.html', message: 'Unknown property "html" on a bold mark.' }],
    ['marks on a paragraph', doc({ type: 'paragraph', marks: [{ type: 'bold' }] }), { path: 'body.content.0.marks', message: 'Unknown property "marks" on a paragraph node.' }],
    ['content in a hard break', doc(paragraph({ type: 'hardBreak', content: [text('x')] })), { path: 'body.content.0.content.0.content', message: 'Unknown property "content" on a hardBreak node.' }],
    ['a __proto__ key', JSON.parse('{"type":"doc","content":[{"type":"paragraph","__proto__":{"x":1}}]}'), { path: 'body.content.0.__proto__', message: 'Unknown property "__proto__" on a paragraph node.' }],
    ['heading level 1', doc({ type: 'heading', attrs: { level: 1 }, content: [text('x')] }), { path: 'body.content.0.attrs.level', message: 'Heading level must be 2, 3 or 4.' }],
    ['heading level 5', doc({ type: 'heading', attrs: { level: 5 } }), { path: 'body.content.0.attrs.level', message: 'Heading level must be 2, 3 or 4.' }],
    ['a heading without a level', doc({ type: 'heading', content: [text('x')] }), { path: 'body.content.0.attrs', message: 'A heading node needs attrs: level.' }],
    ['a fractional list start', doc({ type: 'orderedList', attrs: { start: 1.5 }, content: [{ type: 'listItem', content: [paragraph()] }] }), { path: 'body.content.0.attrs.start', message: 'List start must be a whole number between -1000000 and 1000000.' }],
    ['a code language that breaks out of its class', doc({ type: 'codeBlock', attrs: { language: 'js" onload="alert(1)' } }), { path: 'body.content.0.attrs.language', message: 'Code block language must be null or up to 32 lowercase letters, digits and hyphens.' }],
    ['a number as text', doc(paragraph({ type: 'text', text: 42 })), { path: 'body.content.0.content.0.text', message: 'Text nodes must have a non-empty text string.' }],
    ['an empty text node', doc(paragraph(text(''))), { path: 'body.content.0.content.0.text', message: 'Text nodes must have a non-empty text string.' }],
    ['a text node without text', doc(paragraph({ type: 'text' })), { path: 'body.content.0.content.0.text', message: 'Text nodes must have a non-empty text string.' }],
    ['an object as text', doc(paragraph({ type: 'text', text: { toString: 'x' } })), { path: 'body.content.0.content.0.text', message: 'Text nodes must have a non-empty text string.' }],
    ['text directly in the document', doc(text('x')), { path: 'body.content.0.type', message: 'A text node cannot appear inside a doc node.' }],
    ['a paragraph inside a paragraph', doc(paragraph(paragraph())), { path: 'body.content.0.content.0.type', message: 'A paragraph node cannot appear inside a paragraph node.' }],
    ['a list item outside a list', doc({ type: 'listItem', content: [paragraph()] }), { path: 'body.content.0.type', message: 'A listItem node cannot appear inside a doc node.' }],
    ['a paragraph directly in a list', doc({ type: 'bulletList', content: [paragraph(text('x'))] }), { path: 'body.content.0.content.0.type', message: 'Lists may only contain listItem nodes, not "paragraph".' }],
    ['a list item that starts with a list', doc({ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'bulletList', content: [] }] }] }), { path: 'body.content.0.content.0.content.0.type', message: 'A list item must start with a paragraph.' }],
    ['an empty list', doc({ type: 'orderedList', content: [] }), { path: 'body.content.0.content', message: 'An orderedList node must have content.' }],
    ['a blockquote without content', doc({ type: 'blockquote' }), { path: 'body.content.0.content', message: 'A blockquote node must have content.' }],
    ['a hard break in a code block', doc({ type: 'codeBlock', content: [{ type: 'hardBreak' }] }), { path: 'body.content.0.content.0.type', message: 'A hardBreak node cannot appear inside a codeBlock node.' }],
    ['marked text in a code block', doc({ type: 'codeBlock', content: [text('x', [{ type: 'bold' }])] }), { path: 'body.content.0.content.0.type', message: 'Text in a code block cannot have marks.' }],
    ['inline code combined with bold', doc(paragraph(text('x', [{ type: 'code' }, { type: 'bold' }]))), { path: 'body.content.0.content.0.marks', message: 'Inline code cannot be combined with other marks.' }],
    ['the same mark twice', doc(paragraph(text('x', [{ type: 'bold' }, { type: 'bold' }]))), { path: 'body.content.0.content.0.marks.1.type', message: 'The bold mark appears more than once on the same text.' }],
    ['content that is not an array', doc({ type: 'blockquote', content: { 0: paragraph() } }), { path: 'body.content.0.content', message: 'content must be an array of nodes.' }],
    ['a string as a node', doc('<p>hi</p>'), { path: 'body.content.0', message: 'Each node must be an object with a "type".' }],
    ['a top-level node other than doc', paragraph(text('x')), { path: 'body.type', message: 'The top-level node must have type "doc".' }],
    ['an array', [paragraph(text('x'))], { path: 'body', message: 'Rich text must be a Tiptap document: { "type": "doc", "content": [...] }.' }],
    ['an HTML string', '<p onclick="x">hi</p>', { path: 'body', message: 'Rich text must be a Tiptap document: { "type": "doc", "content": [...] }.' }],
  ])('refuses %s', (_name, body, issue) => {
    expect(issuesOf(body)).toEqual([issue]);
  });

  it('refuses 20 001 characters of text and says what the limit is', () => {
    const half = 'a'.repeat(MAX_TEXT_CHARS / 2);
    expect(issuesOf(doc(paragraph(text(half)), paragraph(text(`${half}b`))))).toEqual([
      { path: 'body', message: 'Rich text may contain at most 20,000 characters of text.' },
    ]);
  });

  it('refuses nesting deeper than 20 levels', () => {
    let node: unknown = paragraph(text('deep'));
    for (let i = 0; i < 19; i++) node = { type: 'blockquote', content: [node] };
    const issues = issuesOf(doc(node));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe('Rich text may nest at most 20 levels deep.');
    expect(issues[0]!.path).toMatch(/^body(\.content\.0){20}\.content$/);
  });

  it('refuses a depth bomb quickly, without exhausting the stack', () => {
    let node: unknown = paragraph(text('deep'));
    for (let i = 0; i < 100_000; i++) node = { type: 'blockquote', content: [node] };
    const issues = issuesOf(doc(node));
    expect(issues.map((issue) => issue.message)).toEqual(['Rich text may nest at most 20 levels deep.']);
  });

  it('refuses more than 5 000 nodes', () => {
    const breaks = (n: number) => doc({ type: 'paragraph', content: Array.from({ length: n }, () => ({ type: 'hardBreak' })) });
    expect(issuesOf(breaks(4_998))).toEqual([]);
    expect(issuesOf(breaks(4_999))).toEqual([{ path: 'body', message: 'Rich text may contain at most 5,000 nodes.' }]);
  });

  it('reports several problems at once, each at its own path, and stops after twenty', () => {
    expect(issuesOf(doc({ type: 'image' }, paragraph(text('x', [link('javascript:x')]))))).toEqual([
      { path: 'body.content.0.type', message: expect.stringContaining('Unknown node type "image".') as string },
      { path: 'body.content.1.content.0.marks.0.attrs.href', message: linkMessage },
    ]);
    expect(issuesOf(doc(...Array.from({ length: 100 }, () => ({ type: 'image' }))))).toHaveLength(20);
  });
});

describe('richTextInputSchema', () => {
  it('turns a plain string into paragraphs on blank lines and hard breaks on single newlines', () => {
    expect(richTextInputSchema.parse('  First line\nsecond line\n\n  \nNew paragraph\r\nwith CRLF\n\n\n\nLast  ')).toEqual({
      doc: doc(
        paragraph(text('First line'), { type: 'hardBreak' }, text('second line')),
        paragraph(text('New paragraph'), { type: 'hardBreak' }, text('with CRLF')),
        paragraph(text('Last')),
      ),
      text: 'First line\nsecond line\nNew paragraph\nwith CRLF\nLast',
    });
  });

  it('keeps text that looks like markup as text', () => {
    expect(richTextInputSchema.parse('<script>alert(1)</script>').doc).toEqual(doc(paragraph(text('<script>alert(1)</script>'))));
  });

  it('accepts a document and returns it with its plain text', () => {
    const input = doc(paragraph(text('Hello '), text('world', [{ type: 'bold' }])));
    expect(richTextInputSchema.parse(input)).toEqual({ doc: input, text: 'Hello world' });
  });

  it('refuses an empty or blank string', () => {
    expect(richTextInputSchema.safeParse('').error?.issues[0]?.message).toBe('Text must not be empty.');
    expect(richTextInputSchema.safeParse(' \n\n\t').error?.issues[0]?.message).toBe('Text must not be empty.');
  });

  it('allows 20 000 characters of string after trimming and refuses 20 001', () => {
    expect(richTextInputSchema.parse(`  ${'a'.repeat(MAX_TEXT_CHARS)}  `).text).toHaveLength(MAX_TEXT_CHARS);
    expect(richTextInputSchema.safeParse('a'.repeat(MAX_TEXT_CHARS + 1)).error?.issues[0]?.message).toBe(
      'Rich text may contain at most 20,000 characters of text.',
    );
  });

  it('reports document problems under the field name of the surrounding object', () => {
    const result = z.object({ body: richTextInputSchema }).safeParse({ body: doc(paragraph(text('x'), text('y', [link('data:text/html,x')]))) });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['body.content.0.content.1.marks.0.attrs.href', 'Links must be http, https or mailto URLs.'],
    ]);
  });

  it('requires a body unless the caller makes it optional', () => {
    expect(z.object({ body: richTextInputSchema }).safeParse({}).error?.issues.map((i) => i.path.join('.'))).toEqual(['body']);
    expect(z.object({ body: richTextInputSchema.nullish() }).parse({})).toEqual({});
    expect(z.object({ body: richTextInputSchema.nullish() }).parse({ body: null })).toEqual({ body: null });
    expect(z.object({ body: richTextInputSchema }).safeParse({ body: 42 }).error?.issues[0]?.message).toMatch(/^Rich text must be a Tiptap document/);
  });
});

describe('plainText and isEmptyRichText', () => {
  it('separates blocks and list items with newlines and turns hard breaks into newlines', () => {
    expect(plainText(richTextDocSchema.parse(everything))).toBe(
      [
        'Why the argument fails',
        'Plain, bold and all at once\ninline code and a link or mail',
        'one',
        'two',
        'nested',
        'three',
        'quoted',
        'const a = 1;\nconst b = 2;',
        'End',
      ].join('\n'),
    );
  });

  it('ignores empty paragraphs at the start and end, such as the editor’s trailing paragraph', () => {
    const input = richTextDocSchema.parse(doc(paragraph(), paragraph(text('a')), paragraph(), paragraph(text('b')), paragraph()));
    expect(plainText(input)).toBe('a\n\nb');
  });

  it('treats a document with only whitespace or a rule as empty', () => {
    expect(isEmptyRichText(null)).toBe(true);
    expect(isEmptyRichText(richTextDocSchema.parse(doc()))).toBe(true);
    expect(isEmptyRichText(richTextDocSchema.parse(doc(paragraph(text('  ')), { type: 'horizontalRule' })))).toBe(true);
    expect(isEmptyRichText(richTextDocSchema.parse(doc(paragraph(text('x')))))).toBe(false);
  });

  it('round-trips plain text through a document', () => {
    const source = 'One\ntwo\n\nThree';
    expect(plainText(richTextFromPlainText(source))).toBe('One\ntwo\nThree');
    const parsed: RichTextDoc = richTextDocSchema.parse(richTextFromPlainText(source));
    expect(parsed).toEqual(richTextFromPlainText(source));
  });
});

describe('link addresses', () => {
  it('accepts absolute http, https and mailto URLs in any letter case', () => {
    for (const href of ['http://example.org', 'https://example.org/a?b=c#d', 'HTTPS://Example.org', 'mailto:ada@example.org', 'https://user@example.org:8080/']) {
      expect(isAllowedLinkHref(href), href).toBe(true);
    }
  });

  it('completes what a person types into the link box, and refuses other schemes', () => {
    expect(normalizeLinkInput(' example.org/page ')).toBe('https://example.org/page');
    expect(normalizeLinkInput('ada@example.org')).toBe('mailto:ada@example.org');
    expect(normalizeLinkInput('https://example.org')).toBe('https://example.org');
    expect(normalizeLinkInput('javascript:alert(1)')).toBeNull();
    expect(normalizeLinkInput('localhost:3000')).toBeNull();
    expect(normalizeLinkInput('')).toBeNull();
  });
});

describe('mentions', () => {
  const withMention = (attrs: unknown) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ask ' }, { type: 'mention', attrs }] }] });

  it('keeps a mention as the member id alone: the label and trigger the editor sends are dropped', () => {
    const parsed = richTextDocSchema.safeParse(withMention({ id: 'cmx9abc', label: 'Ada Lovelace', mentionSuggestionChar: '@' }));
    expect(parsed.success && parsed.data).toEqual(withMention({ id: 'cmx9abc' }));
  });

  it('refuses a mention without an id, with a malformed id, unknown attributes or content', () => {
    for (const attrs of [{}, { id: '' }, { id: '<script>' }, { id: 'a', href: 'x' }, { id: 'a', mentionSuggestionChar: '#' }]) {
      expect(richTextDocSchema.safeParse(withMention(attrs)).success).toBe(false);
    }
    const nested = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: 'a' }, content: [{ type: 'text', text: 'x' }] }] }] };
    expect(richTextDocSchema.safeParse(nested).success).toBe(false);
    expect(richTextDocSchema.safeParse({ type: 'doc', content: [{ type: 'mention', attrs: { id: 'a' } }] }).success).toBe(false);
  });
});
