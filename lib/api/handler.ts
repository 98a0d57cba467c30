// The one wrapper every route handler goes through: who is asking (session cookie or bearer token), the
// same-origin rule for cookie-authenticated writes, zod parsing of params, query and body, and error mapping.
// Unexpected errors are logged on the server and answered with a generic 500.
import type { z } from 'zod';
import { viewerFromRequest, type Viewer } from '../auth/viewer';
import { AppError, errorBody, toAppError } from '../errors';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends AuthMode> = {
  /** required (default): 401 without a valid session or token; optional: viewer may be null; none: not looked up */
  auth?: A;
  params?: P;
  query?: Q;
  body?: B;
};

type AuthMode = 'required' | 'optional' | 'none';
type ViewerFor<A extends AuthMode> = A extends 'required' ? Viewer : A extends 'optional' ? Viewer | null : null;

type HandlerArgs<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends AuthMode> = {
  request: Request;
  viewer: ViewerFor<A>;
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
};

const MAX_BODY_BYTES = 6 * 1024 * 1024;
const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A write that rides on a cookie must come from our own pages (CSRF); bearer-token clients are exempt. */
function assertSameOrigin(request: Request): void {
  if (!stateChanging.has(request.method) || request.headers.has('authorization')) return;
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== null && originHost === host) return;
  } else if (request.headers.get('sec-fetch-site') === 'same-origin') {
    return;
  } else if (!request.headers.has('cookie')) {
    return; // no cookie, no ambient authority to abuse
  }
  throw new AppError('FORBIDDEN', 'Cross-origin requests with a session cookie are not allowed.');
}

async function readJsonBody(request: Request): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) throw new AppError('BAD_REQUEST', 'The request body is too large (6 MB at most).');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError('BAD_REQUEST', 'The request body is too large (6 MB at most).');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

export function apiRoute<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<Record<string, never>>,
  A extends AuthMode = 'required',
>(
  spec: Spec<P, Q, B, A>,
  handler: (args: HandlerArgs<P, Q, B, A>) => Promise<Response | object>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      assertSameOrigin(request);
      const mode: AuthMode = spec.auth ?? 'required';
      const viewer = mode === 'none' ? null : await viewerFromRequest(request);
      if (mode === 'required' && !viewer) throw new AppError('UNAUTHORIZED', 'Sign in or send an API token.');
      const params = spec.params ? spec.params.parse((await context.params) ?? {}) : {};
      const query = spec.query ? spec.query.parse(Object.fromEntries(new URL(request.url).searchParams)) : {};
      const body = spec.body ? spec.body.parse(await readJsonBody(request)) : {};
      const result = await handler({ request, viewer, params, query, body } as HandlerArgs<P, Q, B, A>);
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      let appError = toAppError(error);
      // Signed out, asking for something private (or missing): say "sign in", never whether it exists.
      if (appError.code === 'NOT_FOUND' && (spec.auth ?? 'required') === 'optional' && !request.headers.has('authorization')) {
        if (!(await viewerFromRequest(request).catch(() => null))) appError = new AppError('UNAUTHORIZED', 'Sign in to see this.');
      }
      if (appError.code === 'INTERNAL') console.error(`[api] ${request.method} ${new URL(request.url).pathname}`, error);
      const headers: Record<string, string> = {};
      if (appError.code === 'UNAUTHORIZED') headers['WWW-Authenticate'] = 'Bearer realm="cruxmap"';
      return Response.json(errorBody(appError), { status: appError.status, headers });
    }
  };
}
