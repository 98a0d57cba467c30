// Who is asking: the signed-in user of a session cookie, or the owner of a bearer API token.
import { getServerSession } from 'next-auth';
import { decode } from 'next-auth/jwt';
import { cache } from 'react';
import { env } from '../env';
import { AppError } from '../errors';
import type { TokenGrant } from '../context/context';
import type { MembershipIn } from '../context/permissions';
import { findSessionUser } from '../users/queries';
import { authenticateToken } from './api-token-queries';
import { authOptions } from './options';
import { authSecret } from './secret';
import { sessionVersionOf } from './session-version';

/** Who is asking; a token's viewer carries its grant (scope and workspace), a session's has none (the user's whole access). */
export type Viewer = { userId: string; via: 'session' | 'token'; grant?: TokenGrant };

export type SessionUser = { id: string; name: string; email: string };

/**
 * The signed-in user of this request's session cookie, or null (also for a deleted user's stale cookie).
 * Cached per server render, so the header and the page share one lookup.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // The session callback (./options.ts) leaves out the id of a revoked session (an older session version).
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findSessionUser({ userId: id });
  return user ? { id: user.id, name: user.name, email: user.email } : null;
});

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw new AppError('UNAUTHORIZED', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

/**
 * The session token in the request's own Cookie header, under the name next-auth gives it (`__Secure-` prefixed
 * when NEXTAUTH_URL is https), joined from its chunks (`name.0`, `name.1`, …) as next-auth splits a long one.
 */
function sessionTokenOf(request: Request): string | null {
  const name = `${env.NEXTAUTH_URL?.startsWith('https://') ? '__Secure-' : ''}next-auth.session-token`;
  const chunks = new Map<string, string>();
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const equals = pair.indexOf('=');
    const key = pair.slice(0, equals).trim();
    if (equals < 1 || !key.startsWith(name) || chunks.has(key)) continue;
    chunks.set(key, pair.slice(equals + 1).trim());
  }
  const suffix = (key: string): number => Number.parseInt(key.split('.').pop() ?? '0', 10) || 0;
  const token = [...chunks.keys()].sort((a, b) => suffix(a) - suffix(b)).map((key) => chunks.get(key)).join('');
  return token === '' ? null : token;
}

/**
 * The signed-in user of the request's session cookie, or null (also for a bad, expired or stale cookie). Read from
 * the Request alone, not next/headers, so route handlers answer the same inside Next and in a test process.
 */
export async function sessionViewer(request: Request): Promise<Viewer | null> {
  return (await sessionViewerIn(request, undefined)).viewer;
}

async function sessionViewerIn(request: Request, workspace: string | undefined): Promise<ViewerIn> {
  const token = sessionTokenOf(request);
  if (!token) return { viewer: null, membership: null };
  const claims = await decode({ token, secret: authSecret() }).catch(() => null);
  if (typeof claims?.uid !== 'string') return { viewer: null, membership: null };
  const [user, membership] =
    workspace === undefined
      ? [await findSessionUser({ userId: claims.uid }), null]
      : await findSessionUser({ userId: claims.uid, workspace }).then((found) => [found, found?.membership ?? null] as const);
  // A cookie from before "sign out everywhere" or a password change carries an older session version: refused.
  if (!user || user.sessionVersion !== sessionVersionOf(claims)) return { viewer: null, membership: null };
  return { viewer: { userId: user.id, via: 'session' }, membership };
}

/** The viewer of an API request; a bearer token, when present, wins over the cookie. */
export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  return (await viewerIn(request, undefined)).viewer;
}

/** A request's viewer and, when a workspace is named, the viewer's membership of it (null: not a member, or no viewer). */
export type ViewerIn = { viewer: Viewer | null; membership: MembershipIn | null };

/**
 * The viewer of an API request and their membership of `workspace` (a route's workspace, slug or id), read in the
 * query that signs them in: the request context of a member needs no query of its own (lib/api/handler.ts).
 */
export async function viewerIn(request: Request, workspace: string | undefined): Promise<ViewerIn> {
  const token = bearerToken(request);
  if (!token) return sessionViewerIn(request, workspace);
  const [found, membership] =
    workspace === undefined ? [await authenticateToken(token), null] : await authenticateToken(token, { workspace }).then((t) => [t, t.membership] as const);
  return { viewer: { userId: found.userId, via: 'token', grant: { scope: found.scope, workspaceId: found.workspaceId } }, membership };
}
