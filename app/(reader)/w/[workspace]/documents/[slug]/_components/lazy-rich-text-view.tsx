'use client';
// Rich-text bodies on the reading page (cards, replies, the edit form's preview), in a script of their own: Tiptap's
// static renderer brings Tiptap's core and its extensions, and instantiating them while the page hydrated made the
// task right after load the longest of the page (issue 19: none over 200 ms after load). Served pages have the
// bodies in their HTML, which stays as it is until the script arrives; a card drawn in the browser before that shows
// the body's plain text for the moment it takes. The reader fetches the script once the page is idle
// (preloadRichTextView).
import { lazy, Suspense, type ComponentProps } from 'react';
import { plainText } from '@/lib/richtext/plain-text';
import type { RichTextDoc } from '@/lib/richtext/types';

const load = () => import('@/app/_components/rich-text-view');
const View = lazy(() => load().then((m) => ({ default: m.RichTextView })));

type Props = ComponentProps<typeof View>;

/**
 * The body's words while the renderer loads. A stored body the renderer would refuse (written before a rule
 * tightened: it says "This text cannot be displayed") may not even walk as plain text: nothing, for that moment.
 */
function wordsOf(doc: RichTextDoc): string {
  try {
    return plainText(doc);
  } catch {
    return '';
  }
}

export function RichTextView(props: Props) {
  if (!props.doc) return null;
  return (
    <Suspense fallback={<p className={`text-sm whitespace-pre-line ${props.className ?? ''}`}>{wordsOf(props.doc)}</p>}>
      <View {...props} />
    </Suspense>
  );
}

export function preloadRichTextView(): void {
  void load();
}
