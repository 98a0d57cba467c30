// Mentions in a stored rich text: the members it names (by id) and the same document with each mention's label
// set to the member's current name, for showing it — "former member" for someone no longer in the workspace, and
// "member" where the reader may not see the member list. Pure; safe on server and client.
import type { RichTextBlock, RichTextDoc, RichTextInline, RichTextListItem } from './types';

type AnyNode = RichTextBlock | RichTextListItem | RichTextInline;

/** Member names by id; null: the viewer may not see the member list. */
export type MentionNames = ReadonlyMap<string, string> | null;

export const FORMER_MEMBER = 'former member';

function relabel(node: AnyNode, names: MentionNames): AnyNode {
  if (node.type === 'mention') {
    const label = names === null ? 'member' : (names.get(node.attrs.id) ?? FORMER_MEMBER);
    return { ...node, attrs: { ...node.attrs, label } } as unknown as AnyNode;
  }
  if ('content' in node && Array.isArray(node.content)) {
    return { ...node, content: (node.content as AnyNode[]).map((child) => relabel(child, names)) } as AnyNode;
  }
  return node;
}

/** The document with every mention labelled for display (unchanged when it has none). */
export function withMentionLabels(doc: RichTextDoc, names: MentionNames): RichTextDoc {
  if (!JSON.stringify(doc).includes('"mention"')) return doc;
  return { ...doc, content: doc.content.map((block) => relabel(block, names) as RichTextBlock) };
}
