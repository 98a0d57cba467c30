// Rendering stored rich text with Tiptap's static renderer and the shared extensions: markup in text stays
// text, attributes the schema does not know never reach the page, and RichTextView renders on the server.
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RichTextView } from '@/app/_components/rich-text-view';
import { richTextExtensions } from './extensions';
import type { RichTextDoc } from './types';
import { richTextDocSchema } from './validator';

const toHTML = (content: unknown) => renderToHTMLString({ content: content as RichTextDoc, extensions: richTextExtensions });
const view = (doc: unknown) => renderToStaticMarkup(createElement(RichTextView, { doc: doc as RichTextDoc | null }));

const hostile = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script> & <img src=x onerror=alert(2)>' }] },
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'titled', marks: [{ type: 'link', attrs: { href: 'https://example.org/?q="><script>', title: '"><img src=x onerror=alert(3)>' } }] }],
    },
  ],
};

describe('static rendering with the shared extensions', () => {
  it('escapes markup typed as text and in attributes', () => {
    const html = toHTML(richTextDocSchema.parse(hostile));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('title="&quot;&gt;&lt;img src=x onerror=alert(3)&gt;"');
  });

  it('drops attributes the schema does not define, even when handed unvalidated JSON', () => {
    const html = toHTML({
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { onerror: 'alert(1)', style: 'background:url(javascript:x)' }, content: [{ type: 'text', text: 'x' }] },
        { type: 'heading', attrs: { level: 2, onclick: 'alert(1)' }, content: [{ type: 'text', text: 'h' }] },
      ],
    });
    expect(html).toBe('<p>x</p><h2>h</h2>');
  });

  it('renders a javascript: link in unvalidated JSON without its href', () => {
    const html = toHTML({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }] }] }],
    });
    expect(html).not.toMatch(/javascript/i);
    expect(html).toContain('href=""');
  });

  it('refuses to render node types outside the schema rather than passing them through', () => {
    expect(() => toHTML({ type: 'doc', content: [{ type: 'iframe', attrs: { src: 'https://evil.example' } }] })).toThrow();
  });
});

describe('RichTextView', () => {
  it('renders every allowed node and mark as plain elements, links with our rel and target', () => {
    const doc = richTextDocSchema.parse({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/', target: null, rel: 'opener' } }] },
          ],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quote', marks: [{ type: 'italic' }] }] }] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'a < b' }] },
      ],
    });
    const html = view(doc);
    expect(html).toMatch(/^<div class="prose prose-sm[^"]*">/);
    expect(html).toContain('<h3>Title</h3>');
    expect(html).toContain('<strong>bold</strong><br/>');
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer nofollow" href="https://example.org/">link</a>');
    expect(html).toContain('<ul><li><p>item</p></li></ul>');
    expect(html).toContain('<blockquote><p><em>quote</em></p></blockquote>');
    expect(html).toContain('<pre><code class="language-ts">a &lt; b</code></pre>');
  });

  it('renders hostile text as text', () => {
    const html = view(richTextDocSchema.parse(hostile));
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows a note instead of a stored document that no longer validates', () => {
    const html = view({ type: 'doc', content: [{ type: 'image', attrs: { src: 'x', onerror: 'alert(1)' } }] });
    expect(html).toContain('This text cannot be displayed.');
    expect(html).not.toContain('onerror');
  });

  it('renders nothing for no document', () => {
    expect(view(null)).toBe('');
  });
});

describe('mentions', () => {
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ask ' }, { type: 'mention', attrs: { id: 'ada1' } }, { type: 'text', text: ' and ' }, { type: 'mention', attrs: { id: 'gone1' } }] }] };

  it('shows each mention as the member’s current name, a former member neutrally, and a name as text', () => {
    const names = new Map([['ada1', 'Ada <b>Lovelace</b>']]);
    const html = renderToStaticMarkup(createElement(RichTextView, { doc: doc as RichTextDoc, mentionNames: names }));
    expect(html).toContain('data-id="ada1"');
    expect(html).toContain('@Ada &lt;b&gt;Lovelace&lt;/b&gt;');
    expect(html).toContain('@former member');
  });

  it('reads "member" where the viewer may not see the member list', () => {
    expect(view(doc)).toContain('@member');
    expect(view(doc)).not.toContain('former');
  });
});
