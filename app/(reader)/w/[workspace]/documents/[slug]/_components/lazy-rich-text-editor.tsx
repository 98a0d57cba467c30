'use client';
// The reading page's rich-text editor (composer, replies, edits), in a script of its own: Tiptap's editing code is
// much of the page's script, and evaluating it while the page hydrates made the longest task after load longer
// (issue 19). The reader fetches it once the page is idle (preloadRichTextEditor), so a form that opens later
// finds it there; one opened before that shows a box of the editor's size for the moment it takes.
import dynamic from 'next/dynamic';

const load = () => import('@/app/_components/rich-text-editor').then((m) => m.RichTextEditor);

export const RichTextEditor = dynamic(load, {
  ssr: false,
  loading: () => <div aria-hidden="true" className="min-h-28 rounded-md border border-stone-300 bg-white" />,
});

export function preloadRichTextEditor(): void {
  void load();
}
