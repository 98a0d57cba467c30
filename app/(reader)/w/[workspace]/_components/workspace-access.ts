// What the workspace pages share on the server: sign-in redirects, "not found" for workspaces the viewer may
// not read, and a FORBIDDEN from a query turned into a message the page shows.
import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { getSessionUser, type SessionUser } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';
import type { WorkspaceAccess } from '@/lib/workspaces/permissions';
import { getWorkspaceAccess } from '@/lib/workspaces/queries';

/** The signed-in user, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requireSignedIn(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** Runs a query; NOT_FOUND becomes the 404 page, FORBIDDEN becomes `{ forbidden: message }`. */
export async function loadForPage<T>(load: () => Promise<T>): Promise<{ value: T; forbidden?: undefined } | { forbidden: string }> {
  try {
    return { value: await load() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    if (error instanceof AppError && error.code === 'FORBIDDEN') return { forbidden: error.message };
    throw error;
  }
}

/** The viewer's access to a workspace they may read (role null: a public workspace's guest); else 404. */
export async function requireReadable({ userId, workspace }: { userId: string; workspace: string }): Promise<WorkspaceAccess> {
  const loaded = await loadForPage(() => getWorkspaceAccess({ userId, workspace }));
  if (loaded.forbidden !== undefined) notFound();
  return loaded.value;
}

/** The viewer's access to a workspace they belong to; 404 for a workspace they cannot read or do not belong to. */
export async function requireMembership({ userId, workspace }: { userId: string; workspace: string }): Promise<WorkspaceAccess> {
  const access = await requireReadable({ userId, workspace });
  if (access.role === null) notFound();
  return access;
}
