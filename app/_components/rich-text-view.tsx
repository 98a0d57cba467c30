// Shows a stored rich-text body (Tiptap JSON) as React elements through Tiptap's static renderer: no editor,
// no innerHTML, and usable from server and client components alike.
import { renderToReactElement } from '@tiptap/static-renderer/pm/react';
import { richTextExtensions } from '@/lib/richtext/extensions';
import { withMentionLabels, type MentionNames } from '@/lib/richtext/mentions';
import type { RichTextDoc } from '@/lib/richtext/types';
import { richTextDocSchema } from '@/lib/richtext/validator';

export const richTextProseStyles =
  'prose prose-sm prose-stone max-w-none break-words prose-a:text-blue-700 prose-a:underline-offset-2 prose-pre:whitespace-pre-wrap';

/** `mentionNames`: members' current names by id (a mention of anyone else reads "former member"); omitted, "member". */
export function RichTextView({ doc, className, mentionNames = null }: { doc: RichTextDoc | null; className?: string; mentionNames?: MentionNames }) {
  if (!doc) return null;
  // Stored JSON is checked on the way out too: a row written before a rule tightened must not reach the
  // renderer, which would throw on an unknown node type.
  const parsed = richTextDocSchema.safeParse(doc);
  if (!parsed.success) {
    return <p className={`text-sm text-stone-500 italic ${className ?? ''}`}>This text cannot be displayed.</p>;
  }
  return (
    <div className={`${richTextProseStyles} ${className ?? ''}`}>
      {renderToReactElement({ content: withMentionLabels(parsed.data, mentionNames), extensions: richTextExtensions })}
    </div>
  );
}
