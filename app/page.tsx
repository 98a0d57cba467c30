// The home page: every workspace's library, the invitations waiting for the signed-in person, and their
// assignments (documents owners asked them to review).
import Link from 'next/link';
import { LibraryList } from './(reader)/_components/library-list';
import { PendingInvitations } from './(reader)/_components/pending-invitations';
import { getSessionUser } from '@/lib/auth/viewer';
import { listLibraries } from '@/lib/documents/queries';
import { listMyAssignments } from '@/lib/assignments/queries';
import { listMyInvitations } from '@/lib/workspaces/invitation-queries';
import { formatDate } from './_components/format';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const user = await getSessionUser();
  const { items: libraries } = await listLibraries({ userId: user?.id ?? null });
  const invitations = user ? await listMyInvitations({ userId: user.id }) : null;
  const assignments = user ? await listMyAssignments({ userId: user.id }) : [];
  const now = Date.now();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      {invitations && (
        <PendingInvitations invitations={invitations.items.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: undefined }))} />
      )}
      {invitations?.needsVerifiedEmail && (
        <p className="mb-6 rounded-md border border-stone-200 bg-white px-3 py-2 text-sm text-stone-700">
          Invitations by email show here once your address is verified: <Link href="/settings/account" className="underline">verify it in your account settings</Link>.
        </p>
      )}
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Library</h1>
      {assignments.length > 0 && (
        <section aria-labelledby="my-assignments" className="mb-10 rounded-lg border border-stone-200 bg-white p-4" data-testid="my-assignments">
          <h2 id="my-assignments" className="text-lg font-medium text-stone-700">
            My assignments
          </h2>
          <ul className="mt-2 space-y-1">
            {assignments.map((a) => (
              <li key={a.id}>
                <Link href={`/w/${a.workspace.slug}/documents/${a.document.slug}`} className="text-blue-700 hover:underline">
                  {a.document.title}
                </Link>{' '}
                <span className="text-sm text-stone-600">
                  in {a.workspace.name}
                  {a.dueAt ? (
                    <>
                      {' · '}
                      {Date.parse(a.dueAt) < now ? <strong className="text-red-700">overdue since {formatDate(a.dueAt)}</strong> : <>due {formatDate(a.dueAt)}</>}
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
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
