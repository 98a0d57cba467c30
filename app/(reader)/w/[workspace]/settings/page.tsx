// Owners: rename the workspace and choose who can read it; links to members and the audit log.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ForbiddenNotice } from '../_components/forbidden-notice';
import { memberContext } from '../_components/workspace-access';
import { WorkspaceNav } from '../_components/workspace-nav';
import { getWorkspaceLicence } from '@/lib/workspaces/queries';
import { WorkspaceSettingsForm } from './_components/workspace-settings-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Workspace settings' };

type Props = { params: Promise<{ workspace: string }> };

export default async function WorkspaceSettingsPage({ params }: Props) {
  const { workspace } = await params;
  const ctx = await memberContext(workspace, `/w/${workspace}/settings`);
  if (!ctx.can.changeSettings) {
    return <ForbiddenNotice workspace={ctx.workspace} role={ctx.role} current="settings" message="Only workspace owners can change workspace settings." />;
  }
  const { slug } = ctx.workspace;
  const licence = await getWorkspaceLicence({ ctx });
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <WorkspaceNav workspace={ctx.workspace} role={ctx.role} current="settings" />
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <p className="mt-1 text-sm text-stone-600">
        Address: <span className="font-mono">/w/{slug}</span> (fixed when the workspace was created)
      </p>
      <section aria-labelledby="general-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="general-heading" className="text-lg font-medium">
          Name and visibility
        </h2>
        <div className="mt-4">
          <WorkspaceSettingsForm workspace={slug} name={ctx.workspace.name} visibility={ctx.workspace.visibility} licence={licence} />
        </div>
      </section>
      <section aria-labelledby="people-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="people-heading" className="text-lg font-medium">
          People and history
        </h2>
        <ul className="mt-3 space-y-2 text-sm">
          <li>
            <Link href={`/w/${slug}/members`} className="text-blue-700 underline">
              Members and invites
            </Link>{' '}
            — change roles, remove people, create invite links.
          </li>
          <li>
            <Link href={`/w/${slug}/audit`} className="text-blue-700 underline">
              Audit log
            </Link>{' '}
            — who changed what in this workspace, and when.
          </li>
        </ul>
      </section>
    </div>
  );
}
