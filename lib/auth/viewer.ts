// Who is asking: the signed-in user of a session cookie, or the owner of a bearer API token.
import { getServerSession } from 'next-auth';
import { decode } from 'next-auth/jwt';
import { cache } from 'react';
import { env } from '../env';
import { AppError } from '../errors';
import { findSessionUser } from '../users/queries';
import { authenticateToken } from './api-token-queries';
import { authOptions } from './options';
import { authSecret } from './secret';

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
async function sessionViewer(request: Request): Promise<Viewer | null> {
  const token = sessionTokenOf(request);
  if (!token) return null;
  const claims = await decode({ token, secret: authSecret() }).catch(() => null);
  if (typeof claims?.uid !== 'string') return null;
  const user = await findSessionUser({ userId: claims.uid });
  return user ? { userId: user.id, via: 'session' } : null;
}

/** The viewer of an API request; a bearer token, when present, wins over the cookie. */
export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const token = bearerToken(request);
  if (token) return { userId: (await authenticateToken(token)).userId, via: 'token' };
  return sessionViewer(request);
}
