// Rich-text bodies (rationales, replies) as Tiptap JSON: the shapes ./validator.ts admits, and nothing else. Safe
// on server and client.
import type { LINK_TARGET } from './links';

export type FormattingMarkType = 'bold' | 'italic' | 'strike' | 'underline' | 'code';
export type LinkAttrs = { href: string; target: typeof LINK_TARGET; rel: string; class: null; title: string | null };
export type RichTextMark = { type: FormattingMarkType; attrs?: Record<string, never> } | { type: 'link'; attrs: LinkAttrs };

type NoAttrs = { attrs?: Record<string, never> };
export type RichTextText = { type: 'text'; text: string; marks?: RichTextMark[] };
export type RichTextHardBreak = NoAttrs & { type: 'hardBreak'; marks?: RichTextMark[] };
/** A member mentioned by id (their name is looked up when the text is shown). */
export type RichTextMention = { type: 'mention'; attrs: { id: string }; marks?: RichTextMark[] };
export type RichTextInline = RichTextText | RichTextHardBreak | RichTextMention;
export type OrderedListStyle = '1' | 'a' | 'A' | 'i' | 'I';
export type RichTextListItem = NoAttrs & { type: 'listItem'; content: RichTextBlock[] };
export type RichTextBlock =
  | (NoAttrs & { type: 'paragraph'; content?: RichTextInline[] })
  | { type: 'heading'; attrs: { level: 2 | 3 | 4 }; content?: RichTextInline[] }
  | { type: 'codeBlock'; attrs?: { language?: string | null }; content?: RichTextText[] }
  | (NoAttrs & { type: 'blockquote'; content: RichTextBlock[] })
  | (NoAttrs & { type: 'bulletList'; content: RichTextListItem[] })
  | { type: 'orderedList'; attrs?: { start?: number; type?: OrderedListStyle | null }; content: RichTextListItem[] }
  | (NoAttrs & { type: 'horizontalRule' });
/** A Tiptap (ProseMirror) JSON document restricted to what richTextDocSchema admits. */
export type RichTextDoc = { type: 'doc'; content: RichTextBlock[] };
export type RichTextNode = RichTextDoc | RichTextBlock | RichTextListItem | RichTextInline;
