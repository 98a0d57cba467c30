// GET/POST /api/auth/* — next-auth (sign in, sign out, session, CSRF token). Sign-in attempts over the
// limit are answered 429 with Retry-After before next-auth sees them; while the database cannot be reached, 503 with
// Retry-After (as every API route), not a 500.
// next-auth's App Router handler reads cookies and headers through next/headers, which only exists inside Next's
// request scope; its Node-style handler (the `NextAuth(req, res, options)` form) runs the same core from what the
// Request itself carries, so this route answers the same under `next start` and when called in a test process.
import type { NextApiRequest, NextApiResponse } from 'next';
import NextAuth from 'next-auth';
import { readBodyText } from '@/lib/api/body';
import { authOptionsFor } from '@/lib/auth/options';
import { signInKeys } from '@/lib/auth/rate-limit';
import { retryAfterSeconds } from '@/lib/auth/rate-limit-queries';
import { sessionViewer } from '@/lib/auth/viewer';
import { DATABASE_RETRY_AFTER_SECONDS, errorBody, toAppError } from '@/lib/errors';
import { LIMITS } from '@/lib/limits';
import { clientAddressOf } from '@/lib/server/client-address';

type AuthRouteContext = { params: Promise<{ nextauth?: string[] }> };

/** The body as next-auth reads it: JSON or a urlencoded form, on POST only, read up to the sign-in form's limit. */
async function bodyOf(request: Request): Promise<Record<string, unknown> | undefined> {
  if (request.method !== 'POST' || !request.body) return undefined;
  const type = request.headers.get('content-type') ?? '';
  const text = await readBodyText(request, LIMITS.body.signInFormBytes);
  try {
    if (type.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
    if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  } catch {
    return {};
  }
  return undefined;
}

const emailOf = (body: Record<string, unknown> | undefined): string => (typeof body?.email === 'string' ? body.email : '');

function cookiesOf(request: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 1) continue;
    const name = pair.slice(0, equals).trim();
    let value = pair.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // kept as sent
    }
    if (!(name in cookies)) cookies[name] = value;
  }
  return cookies;
}

/** Collects what next-auth's Node-style handler writes (status, headers, Set-Cookie, body) into a Response. */
class CollectedResponse {
  private statusCode = 200;
  private readonly headers = new Map<string, string | string[]>();
  private body: string | null = null;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  setHeader(name: string, value: string | string[]): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  getHeader(name: string): string | string[] | undefined {
    return this.headers.get(name.toLowerCase());
  }

  json(value: unknown): void {
    this.setHeader('content-type', 'application/json');
    this.body = JSON.stringify(value);
  }

  send(value: unknown): void {
    if (value === undefined || value === null) return;
    this.body = typeof value === 'string' ? value : JSON.stringify(value);
  }

  end(): void {}

  toResponse(): Response {
    const headers = new Headers();
    for (const [name, value] of this.headers) {
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    return new Response(this.body, { status: this.statusCode, headers });
  }
}

async function nextAuth(request: Request, context: AuthRouteContext, body?: Record<string, unknown>): Promise<Response> {
  const url = new URL(request.url);
  const req = {
    method: request.method,
    headers: Object.fromEntries(request.headers),
    cookies: cookiesOf(request),
    query: { ...Object.fromEntries(url.searchParams), nextauth: (await context.params).nextauth ?? [] },
    body: body ?? (await bodyOf(request)),
  };
  const res = new CollectedResponse();
  // An OAuth callback while signed in links the provider to that account (settings), whatever the emails say.
  const isOAuthCallback = url.pathname.includes('/callback/') && !url.pathname.endsWith('/callback/credentials');
  const signedInUserId = isOAuthCallback ? ((await sessionViewer(request))?.userId ?? null) : null;
  await NextAuth(req as unknown as NextApiRequest, res as unknown as NextApiResponse, authOptionsFor({ signedInUserId }));
  return res.toResponse();
}

/** A database that cannot be reached answers 503 with Retry-After; any other error goes on to Next (a 500). */
async function unavailableAs503(answer: () => Promise<Response>): Promise<Response> {
  try {
    return await answer();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code !== 'DATABASE_UNAVAILABLE') throw error;
    return Response.json(errorBody(appError), { status: appError.status, headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } });
  }
}

export const POST = (request: Request, context: AuthRouteContext): Promise<Response> => unavailableAs503(() => post(request, context));

async function post(request: Request, context: AuthRouteContext): Promise<Response> {
  let body: Record<string, unknown> | undefined;
  try {
    body = await bodyOf(request);
  } catch (error) {
    const appError = toAppError(error);
    return Response.json(errorBody(appError), { status: appError.status });
  }
  if (new URL(request.url).pathname.endsWith('/callback/credentials')) {
    const retryAfter = await retryAfterSeconds(signInKeys({ email: emailOf(body), ip: clientAddressOf(request.headers) }));
    if (retryAfter > 0) {
      return Response.json(
        { error: { code: 'TOO_MANY_REQUESTS', message: `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes.` } },
        { status: 429, headers: { 'Retry-After': String(retryAfter) } },
      );
    }
  }
  return nextAuth(request, context, body);
}

export const GET = (request: Request, context: AuthRouteContext): Promise<Response> => unavailableAs503(() => nextAuth(request, context));
