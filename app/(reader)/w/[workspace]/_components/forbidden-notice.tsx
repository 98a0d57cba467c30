// What a member sees on a page their role does not open (the API's 403 message), instead of the page.
import Link from 'next/link';
import { WorkspaceNav, type WorkspaceTab } from './workspace-nav';
import type { Role } from '@/lib/workspaces/schemas';

export function ForbiddenNotice({
  workspace,
  role,
  current,
  message,
}: {
  workspace: { slug: string; name: string };
  role: Role | null;
  current: WorkspaceTab;
  message: string;
}) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <WorkspaceNav workspace={workspace} role={role} current={current} />
      <h1 className="text-2xl font-semibold tracking-tight">Not available to you</h1>
      <p className="mt-3 text-stone-700">{message}</p>
      <Link href={`/w/${workspace.slug}`} className="mt-6 inline-block text-blue-700 underline">
        Back to the library
      </Link>
    </div>
  );
}
