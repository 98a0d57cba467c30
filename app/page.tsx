// The home page: every workspace's library, and the invitations waiting for the signed-in person.
import Link from 'next/link';
import { LibraryList } from './(reader)/_components/library-list';
import { PendingInvitations } from './(reader)/_components/pending-invitations';
import { getSessionUser } from '@/lib/auth/viewer';
import { listLibraries } from '@/lib/documents/queries';
import { listMyInvitations } from '@/lib/workspaces/invitation-queries';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const user = await getSessionUser();
  const { items: libraries } = await listLibraries({ userId: user?.id ?? null });
  const invitations = user ? await listMyInvitations({ userId: user.id }) : null;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      {invitations && invitations.items.length > 0 && (
        <PendingInvitations invitations={invitations.items.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: undefined }))} />
      )}
      {invitations?.needsVerifiedEmail && (
        <p className="mb-6 rounded-md border border-stone-200 bg-white px-3 py-2 text-sm text-stone-700">
          Invitations by email show here once your address is verified: <Link href="/settings/account" className="underline">verify it in your account settings</Link>.
        </p>
      )}
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
