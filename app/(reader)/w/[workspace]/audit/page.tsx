// Owners: the workspace's audit log, newest first, fifty entries a page ("Older" follows the cursor).
import type { Metadata } from 'next';
import Link from 'next/link';
import { ForbiddenNotice } from '../_components/forbidden-notice';
import { loadForPage, memberContext } from '../_components/workspace-access';
import { WorkspaceNav } from '../_components/workspace-nav';
import { formatDateTime, isoString } from '@/app/_components/format';
import { listAuditLog, listMembers, type AuditEntryDto } from '@/lib/workspaces/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const entityLabels: Record<string, string> = {
  workspace: 'Workspace',
  membership: 'Member',
  invite: 'Invite',
  document: 'Document',
  api_token: 'API token',
};

/** The entry's data as "key: value" pairs; nested objects stay compact JSON. */
function details(data: unknown): string[] {
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object') return [JSON.stringify(data)];
  return Object.entries(data).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

function entityName(entry: AuditEntryDto, memberNames: Map<string, string>): string {
  const label = entityLabels[entry.entityType] ?? entry.entityType;
  if (entry.entityType === 'membership') {
    const name = memberNames.get(entry.entityId);
    if (name) return `${label} ${name}`;
  }
  return `${label} ${entry.entityId.length > 12 ? `${entry.entityId.slice(0, 10)}…` : entry.entityId}`;
}

export default async function AuditLogPage({ params, searchParams }: Props) {
  const { workspace } = await params;
  const rawCursor = (await searchParams).cursor;
  const cursor = typeof rawCursor === 'string' && /^\d+$/.test(rawCursor) ? rawCursor : undefined;
  const ctx = await memberContext(workspace, `/w/${workspace}/audit`);
  if (!ctx.can.readAuditLog) {
    return <ForbiddenNotice workspace={ctx.workspace} role={ctx.role} current="audit" message="Only workspace owners can see the audit log." />;
  }
  const log = await loadForPage(() => listAuditLog({ ctx, cursor }));
  if (log.forbidden !== undefined) return <ForbiddenNotice workspace={ctx.workspace} role={ctx.role} current="audit" message={log.forbidden} />;
  const members = await listMembers({ ctx });
  const memberNames = new Map(members.items.map((m) => [m.userId, m.name]));
  const { slug } = ctx.workspace;

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <WorkspaceNav workspace={ctx.workspace} role={ctx.role} current="audit" />
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <p className="mt-1 text-sm text-stone-600">Every change to this workspace, its members and its documents, newest first. Entries cannot be edited or deleted.</p>
      {log.value.items.length === 0 ? (
        <p className="mt-6 text-stone-600">{cursor ? 'No older entries.' : 'Nothing has happened here yet.'}</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-stone-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Audit entries">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <caption className="sr-only">Audit log entries, newest first</caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-xs tracking-wide text-stone-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Time</th>
                <th scope="col" className="px-4 py-2 font-medium">Actor</th>
                <th scope="col" className="px-4 py-2 font-medium">Action</th>
                <th scope="col" className="px-4 py-2 font-medium">Entity</th>
                <th scope="col" className="px-4 py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {log.value.items.map((entry) => (
                <tr key={entry.id} className="align-top">
                  <td className="px-4 py-2 whitespace-nowrap text-stone-600">
                    <time dateTime={isoString(entry.createdAt)}>{formatDateTime(entry.createdAt)}</time>
                  </td>
                  <td className="px-4 py-2">{entry.actor === null ? (
                      <span className="text-stone-500">system</span>
                    ) : (
                      (entry.actor.name ?? <span className="text-stone-500">deleted account</span>)
                    )}</td>
                  <td className="px-4 py-2 font-mono text-xs">{entry.action}</td>
                  <td className="px-4 py-2" title={`${entry.entityType} ${entry.entityId}`}>
                    {entityName(entry, memberNames)}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs break-all text-stone-700">
                    {details(entry.data).map((line) => (
                      <span key={line} className="block">
                        {line}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Audit log pages" className="mt-4 flex gap-4 text-sm">
        {cursor && (
          <Link href={`/w/${slug}/audit`} className="text-blue-700 underline">
            Newest
          </Link>
        )}
        {log.value.nextCursor && (
          <Link href={`/w/${slug}/audit?cursor=${log.value.nextCursor}`} className="text-blue-700 underline">
            Older
          </Link>
        )}
      </nav>
    </div>
  );
}
