// A workspace's library: its documents, the viewer's role, and for owners the tools to fill and manage it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { LibraryList } from '../../_components/library-list';
import { DemoDataNotice } from '../../_components/demo-data-notice';
import { AddCorpusButton } from './_components/add-corpus-button';
import { RestoreDocumentButton } from './_components/restore-document-button';
import { readableContext } from './_components/workspace-access';
import { buttonStyles } from '@/app/_components/form-controls';
import { plural, roleDescriptions, roleLabels } from '@/app/_components/format';
import { getLibrary, type Library } from '@/lib/documents/queries';
import { hasRole } from '@/lib/context/context';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string }> };

// Owners also get archived documents (getLibrary ignores includeArchived for everyone else).
const loadLibrary = cache(async (workspaceSlug: string): Promise<{ library: Library; signedIn: boolean }> => {
  const ctx = await readableContext(workspaceSlug);
  const library = await getLibrary({ ctx, includeArchived: true });
  return { library, signedIn: ctx.userId !== null };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace } = await params;
  return { title: (await loadLibrary(workspace)).library.workspace.name };
}

function RoleLine({ library, signedIn }: { library: Library; signedIn: boolean }) {
  const visibility = library.workspace.visibility === 'public' ? 'Public workspace' : 'Private workspace';
  if (library.role) {
    return (
      <p className="mt-1 text-sm text-stone-600">
        {visibility} · You are {library.role === 'reviewer' ? 'a' : 'an'} <strong className="font-medium text-stone-800">{roleLabels[library.role].toLowerCase()}</strong>{' '}
        ({roleDescriptions[library.role]})
      </p>
    );
  }
  return (
    <p className="mt-1 text-sm text-stone-600">
      {visibility} · {signedIn ? 'You are reading it as a guest: you are not a member.' : 'Anyone can read it.'}
    </p>
  );
}

/** What every member may open: the member list and the export page. */
function MemberLinks({ workspace }: { workspace: string }) {
  return (
    <>
      <Link href={`/w/${workspace}/members`} className={buttonStyles.secondary}>
        Members
      </Link>
      <Link href={`/w/${workspace}/export`} className={buttonStyles.secondary}>
        Export
      </Link>
    </>
  );
}

export default async function WorkspaceLibraryPage({ params }: Props) {
  const { workspace } = await params;
  const { library, signedIn } = await loadLibrary(workspace);
  const slug = library.workspace.slug;
  const isOwner = hasRole(library.role, 'owner');
  const active = library.documents.filter((d) => !d.archived);
  const archived = library.documents.filter((d) => d.archived);
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">{library.workspace.name}</h1>
          <RoleLine library={library} signedIn={signedIn} />
          {active.length > 0 && (
            <Link href={`/w/${slug}/map`} className={`${buttonStyles.link} mt-1 inline-flex min-h-11 items-center text-sm`}>
              Disagreement map of the workspace →
            </Link>
          )}
          <DemoDataNotice workspaceId={library.workspace.id} />
        </div>
        {isOwner ? (
          <div role="group" aria-label="Workspace tools" className="flex flex-wrap gap-2">
            <Link href={`/w/${slug}/import`} className={buttonStyles.primary}>
              Import a text
            </Link>
            <AddCorpusButton workspace={slug} />
            <Link href={`/w/${slug}/settings`} className={buttonStyles.secondary}>
              Settings
            </Link>
            <MemberLinks workspace={slug} />
          </div>
        ) : library.role ? (
          <div className="flex flex-wrap gap-2">
            <MemberLinks workspace={slug} />
          </div>
        ) : null}
      </div>
      {active.length > 0 ? (
        <LibraryList library={{ ...library, documents: active }} />
      ) : (
        <div className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
          <p className="font-medium">No documents yet.</p>
          {isOwner && (
            <p className="mt-1 text-sm text-stone-600">
              Import a text (plain text, Markdown or HTML), or add the bundled corpus: five essays and comment threads on AI
              power-seeking, deceptive alignment and scheming.
            </p>
          )}
        </div>
      )}
      {isOwner && archived.length > 0 && (
        <section aria-labelledby="archived-heading" className="mt-10">
          <h2 id="archived-heading" className="text-lg font-medium text-stone-700">
            Archived ({archived.length})
          </h2>
          <p className="mt-1 text-sm text-stone-600">Only owners see archived documents. Restoring one puts it back in the library.</p>
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {archived.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <span className="min-w-0">
                  <span className="block font-serif font-semibold text-stone-800">{d.title}</span>
                  <span className="block text-xs text-stone-500">{plural(d.passageCount, 'passage')}</span>
                </span>
                <RestoreDocumentButton workspace={slug} document={d.slug} title={d.title} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
