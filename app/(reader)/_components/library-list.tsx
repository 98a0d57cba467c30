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
        <li key={d.slug} className="relative">
          <Link
            href={`/w/${library.workspace.slug}/documents/${d.slug}`}
            className="block h-full rounded-lg border border-stone-200 bg-white p-4 shadow-sm transition hover:border-stone-400 hover:shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
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
              className="absolute right-3 bottom-3 rounded px-1.5 py-0.5 text-xs text-blue-700 hover:bg-blue-50 hover:underline"
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
