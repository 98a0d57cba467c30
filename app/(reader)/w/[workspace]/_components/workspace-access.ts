// The page loader of the workspace pages: the request context built once per request (React `cache`, so
// `generateMetadata` and the page share it), sign-in redirects, "not found" for workspaces the viewer may not
// read, and a FORBIDDEN from a query turned into a message the page shows.
import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getSessionUser, type SessionUser } from '@/lib/auth/viewer';
import { anonymousActor, userActor, type WorkspaceContext } from '@/lib/context/context';
import { loadWorkspaceContext } from '@/lib/context/queries';
import { AppError } from '@/lib/errors';

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

/**
 * The viewer's context in a workspace they may read (signed out: a public workspace's anonymous reader; role
 * null: a guest); else the 404 page. Once per request.
 */
export const readableContext = cache(async (workspace: string): Promise<WorkspaceContext> => {
  const user = await getSessionUser();
  const loaded = await loadForPage(() => loadWorkspaceContext({ actor: user ? userActor(user.id) : anonymousActor, workspace }));
  if (loaded.forbidden !== undefined) notFound();
  return loaded.value;
});

/** A signed-in member's context (else the sign-in page, or 404 for a workspace they do not belong to). */
export async function memberContext(workspace: string, returnTo: string): Promise<WorkspaceContext> {
  await requireSignedIn(returnTo);
  const ctx = await readableContext(workspace);
  if (ctx.role === null) notFound();
  return ctx;
}

/** A signed-in reader's context: members, and anyone signed in on a public workspace. */
export async function signedInContext(workspace: string, returnTo: string): Promise<WorkspaceContext> {
  await requireSignedIn(returnTo);
  return readableContext(workspace);
}
