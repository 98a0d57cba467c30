// Who is asking: the signed-in user of a session cookie, or the owner of a bearer API token.
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { AppError } from '../errors';
import { findSessionUser } from '../users/queries';
import { authenticateToken } from './api-token-queries';
import { authOptions } from './options';

export type Viewer = { userId: string; via: 'session' | 'token' };

export type SessionUser = { id: string; name: string; email: string };

/**
 * The signed-in user of this request's session cookie, or null (also for a deleted user's stale cookie).
 * Cached per server render, so the header and the page share one lookup.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return findSessionUser({ userId: id });
});

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw new AppError('UNAUTHORIZED', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

/** The viewer of an API request; a bearer token, when present, wins over the cookie. */
export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const token = bearerToken(request);
  if (token) return { userId: (await authenticateToken(token)).userId, via: 'token' };
  const user = await getSessionUser();
  return user ? { userId: user.id, via: 'session' } : null;
}

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
  return user;
}
