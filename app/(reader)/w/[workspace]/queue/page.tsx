// "Rate next": the claims the viewer has not rated, one at a time, what their rating adds first (lib/queue), for the
// whole workspace or one document (`?document=`). The queue is loaded here and driven by keyboard in RateNext.
import type { Metadata } from 'next';
import { loadForPage, memberContext } from '../_components/workspace-access';
import { WorkspaceNav } from '../_components/workspace-nav';
import { RateNext } from './_components/rate-next';
import { getQueue } from '@/lib/queue/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Rate next' };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QueuePage({ params, searchParams }: Props) {
  const { workspace } = await params;
  const raw = (await searchParams).document;
  const document = typeof raw === 'string' && raw.length > 0 && raw.length <= 200 ? raw : undefined;
  const ctx = await memberContext(workspace, `/w/${workspace}/queue${document ? `?document=${encodeURIComponent(document)}` : ''}`);
  const loaded = await loadForPage(() => getQueue({ ctx, document }));
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <WorkspaceNav workspace={ctx.workspace} role={ctx.role} current="queue" />
      <h1 className="font-serif text-3xl font-semibold tracking-tight text-stone-900">Rate next</h1>
      <p className="mt-1 text-sm text-stone-600">
        The claims you have not rated{document ? ' on this document' : ''}, what your rating adds most first: claims few have rated, then those the
        reviewers disagree on, then cruxes of disputed claims.
      </p>
      {loaded.forbidden !== undefined ? (
        <p className="mt-6 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{loaded.forbidden}</p>
      ) : (
        <RateNext workspace={ctx.workspace.slug} document={document ?? null} initial={loaded.value.items} />
      )}
    </div>
  );
}
