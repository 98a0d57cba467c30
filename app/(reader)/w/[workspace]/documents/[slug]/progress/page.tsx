// Owners: a document's review progress — its claims, the share rated by at least five reviewers, and per reviewer
// the claims rated, annotations made, last activity and assignment; with the form to assign it to a member.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ForbiddenNotice } from '../../../_components/forbidden-notice';
import { loadForPage, memberContext } from '../../../_components/workspace-access';
import { AssignForm, UnassignButton } from './_components/assign-controls';
import { formatDate, formatDateTime } from '@/app/_components/format';
import { getDocumentProgress } from '@/lib/assignments/queries';
import type { AssignmentStatus } from '@/lib/assignments/schemas';
import { requireDocument } from '@/lib/context/queries';
import { listMembers } from '@/lib/workspaces/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Review progress' };

type Props = { params: Promise<{ workspace: string; slug: string }> };

const statusLabels: Record<AssignmentStatus, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done', overdue: 'Overdue' };

export default async function ProgressPage({ params }: Props) {
  const { workspace, slug } = await params;
  const ctx = await memberContext(workspace, `/w/${workspace}/documents/${slug}/progress`);
  if (!ctx.can.seeProgress) {
    return <ForbiddenNotice workspace={ctx.workspace} role={ctx.role} current="library" message="Only workspace owners can see reviewers' progress." />;
  }
  const loaded = await loadForPage(async () => ({
    document: await requireDocument(ctx, slug, { select: { slug: true, title: true } }),
    progress: await getDocumentProgress({ ctx, document: slug }),
  }));
  if (loaded.forbidden !== undefined) return <ForbiddenNotice workspace={ctx.workspace} role={ctx.role} current="library" message={loaded.forbidden} />;
  const { document, progress } = loaded.value;
  const members = (await listMembers({ ctx })).items.filter((m) => m.role !== 'observer').map((m) => ({ id: m.userId, name: m.name }));
  const base = `/w/${ctx.workspace.slug}/documents/${document.slug}`;
  const share = progress.claims === 0 ? 0 : Math.round((100 * progress.claimsWithFiveRatings) / progress.claims);
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link href={base} className="text-blue-700 hover:underline">
          ← {document.title}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Review progress</h1>
      <p className="mt-1 text-stone-700" data-testid="progress-summary">
        {progress.claims} claim{progress.claims === 1 ? '' : 's'} · {progress.claimsWithFiveRatings} rated by at least five reviewers ({share}%) ·{' '}
        <Link href={`${base}/map`} className="text-blue-700 hover:underline">
          Disagreement map
        </Link>
      </p>
      <div className="mt-6 overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full min-w-[40rem] text-left text-sm" data-testid="progress-table">
          <caption className="sr-only">Reviewers of {document.title}: what each has done</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-xs tracking-wide text-stone-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Reviewer</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">Claims rated</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">Annotations</th>
              <th scope="col" className="px-4 py-2 font-medium">Last active</th>
              <th scope="col" className="px-4 py-2 font-medium">Assignment</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {progress.reviewers.map((r) => (
              <tr key={r.userId}>
                <th scope="row" className="px-4 py-2 font-medium text-stone-900">{r.name}</th>
                <td className="px-4 py-2 text-right tabular-nums">
                  {r.claimsRated} of {progress.claims}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{r.annotations}</td>
                <td className="px-4 py-2">{r.lastActiveAt ? <time dateTime={r.lastActiveAt}>{formatDateTime(r.lastActiveAt)}</time> : 'Never'}</td>
                <td className="px-4 py-2">
                  {r.assignment ? (
                    <span className="flex flex-wrap items-center gap-2">
                      <span>
                        {statusLabels[r.assignment.status]}
                        {r.assignment.dueAt ? ` · due ${formatDate(r.assignment.dueAt)}` : ''}
                      </span>
                      <UnassignButton workspace={ctx.workspace.slug} document={document.slug} userId={r.userId} name={r.name} />
                    </span>
                  ) : (
                    <span className="text-stone-500">Not assigned</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="assign-heading" className="mt-8 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="assign-heading" className="text-lg font-medium">
          Assign this document
        </h2>
        <AssignForm workspace={ctx.workspace.slug} document={document.slug} members={members} />
      </section>
    </div>
  );
}
