// The home page: every workspace's library.
import Link from 'next/link';
import { LibraryList } from './(reader)/_components/library-list';
import { getSessionUser } from '@/lib/auth/viewer';
import { listLibraries } from '@/lib/documents/queries';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const user = await getSessionUser();
  const { items: libraries } = await listLibraries({ userId: user?.id ?? null });
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Library</h1>
      {libraries.length === 0 && (
        <p className="text-stone-600">
          No workspaces yet. <code>npm start</code> loads the bundled corpus; <code>npx cruxmap import</code> adds texts.
        </p>
      )}
      {libraries.map((library) => (
        <section key={library.workspace.slug} className="mb-10" aria-labelledby={`ws-${library.workspace.slug}`}>
          <h2 id={`ws-${library.workspace.slug}`} className="mb-3 text-lg font-medium text-stone-700">
            <Link href={`/w/${library.workspace.slug}`} className="hover:underline">
              {library.workspace.name}
            </Link>
          </h2>
          <LibraryList library={library} />
        </section>
      ))}
    </div>
  );
}
