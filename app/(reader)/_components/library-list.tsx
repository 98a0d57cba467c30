// A workspace's documents as a list of cards.
import { plural } from '@/app/_components/format';
import Link from 'next/link';
import type { Library } from '@/lib/documents/queries';

const kindLabels: Record<string, string> = {
  post: 'Post',
  post_with_comments: 'Post and comments',
  comments: 'Comments',
  report_section: 'Report section',
  other: 'Text',
};

export function LibraryList({ library }: { library: Library }) {
  if (library.documents.length === 0) {
    return <p className="text-stone-600">No documents yet. Import texts with <code>npx cruxmap import</code>.</p>;
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2" aria-label={`Documents in ${library.workspace.name}`}>
      {library.documents.map((d) => (
        <li key={d.slug} className="flex flex-col rounded-lg border border-stone-200 bg-white shadow-sm transition hover:border-stone-400 hover:shadow">
          <Link
            href={`/w/${library.workspace.slug}/documents/${d.slug}`}
            className="block flex-1 rounded-lg p-4 pb-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            <span className="block font-serif text-lg leading-snug font-semibold text-stone-900" data-testid="document-title">
              {d.title}
            </span>
            <span className="mt-2 block text-sm text-stone-600">
              {[d.author ?? 'Author unknown', d.source, kindLabels[d.kind] ?? d.kind].filter(Boolean).join(' · ')}
            </span>
            <span className="mt-1 block text-xs text-stone-500">
              {plural(d.passageCount, 'passage')}{d.versionNumber && d.versionNumber > 1 ? ` · version ${d.versionNumber}` : ''}
            </span>
          </Link>
          {!d.archived && (
            <Link
              href={`/w/${library.workspace.slug}/documents/${d.slug}/map`}
              className="mx-2.5 mb-1 inline-flex min-h-11 items-center self-end rounded px-1.5 text-xs text-blue-700 underline hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600"
              aria-label={`Disagreement map of ${d.title}`}
            >
              Disagreement map
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
