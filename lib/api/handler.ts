// The one wrapper every route handler goes through: who is asking (session cookie or bearer token), the
// same-origin rule for cookie-authenticated writes, zod parsing of params, query and body, and error mapping.
// A route that acts inside a workspace declares what it needs (`workspace: 'read'` or a permission such as
// 'annotate'), and receives the request context built once from the `ws` path parameter (lib/context).
// A bearer token's grant is enforced here: a read-scope token gets 403 on every write; a token limited to one
// workspace carries that limit in the context's actor, so no other workspace is found.
// Unexpected errors are logged on the server and answered with a generic 500.
import type { z } from 'zod';
import { viewerFromRequest, type Viewer } from '../auth/viewer';
import { requestActor, type Permission, type WorkspaceContext } from '../context/context';
import { loadWorkspaceContext } from '../context/queries';
import { AppError, errorBody, toAppError } from '../errors';
import { LIMITS } from '../limits';
import { readBodyText } from './body';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type WorkspaceNeed = 'read' | Permission;

type Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends AuthMode, W extends WorkspaceNeed | undefined> = {
  /** required (default): 401 without a valid session or token; optional: viewer may be null; none: not looked up */
  auth?: A;
  /**
   * The route acts in the workspace named by the `ws` path parameter: the context is built after parsing (404 when
   * the viewer may not read it — "Document not found." on a document's routes), and the permission checked (403).
   */
  workspace?: W;
  /** the 404's message when the workspace is not readable, for routes about a document named elsewhere than `doc` */
  notFound?: string;
  params?: P;
  query?: Q;
  body?: B;
};

type AuthMode = 'required' | 'optional' | 'none';
type ViewerFor<A extends AuthMode> = A extends 'required' ? Viewer : A extends 'optional' ? Viewer | null : null;

type HandlerArgs<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends AuthMode, W extends WorkspaceNeed | undefined> = {
  request: Request;
  viewer: ViewerFor<A>;
  ctx: W extends WorkspaceNeed ? WorkspaceContext : undefined;
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
};

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
  const text = await readBodyText(request, LIMITS.body.jsonBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

/**
 * What a token's grant forbids before anything else is read: a read-scope token never writes, and a token limited to
 * one workspace writes nothing outside a workspace's routes (inside them, the context finds no other workspace).
 */
function assertTokenMayCall(viewer: Viewer | null, method: string, isWorkspaceRoute: boolean): void {
  const grant = viewer?.grant;
  if (!grant || !stateChanging.has(method)) return;
  if (grant.scope === 'read') {
    throw new AppError('FORBIDDEN', 'This API token has the read scope: it can read but not write. Use a token with the write scope.');
  }
  if (grant.workspaceId !== null && !isWorkspaceRoute) {
    throw new AppError('FORBIDDEN', 'This API token is limited to one workspace: it cannot act outside it.');
  }
}

function buildContext(viewer: Viewer | null, params: Record<string, unknown>, need: WorkspaceNeed, notFound?: string): Promise<WorkspaceContext> {
  if (typeof params.ws !== 'string') throw new Error('a workspace route needs a `ws` path parameter');
  return loadWorkspaceContext({
    actor: requestActor(viewer),
    workspace: params.ws,
    permission: need === 'read' ? undefined : need,
    notFound: notFound ?? (typeof params.doc === 'string' ? 'Document not found.' : 'Workspace not found.'),
  });
}

export function apiRoute<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<Record<string, never>>,
  A extends AuthMode = 'required',
  W extends WorkspaceNeed | undefined = undefined,
>(
  spec: Spec<P, Q, B, A, W>,
  handler: (args: HandlerArgs<P, Q, B, A, W>) => Promise<Response | object>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      assertSameOrigin(request);
      const mode: AuthMode = spec.auth ?? 'required';
      const viewer = mode === 'none' ? null : await viewerFromRequest(request);
      if (mode === 'required' && !viewer) throw new AppError('UNAUTHORIZED', 'Sign in or send an API token.');
      assertTokenMayCall(viewer, request.method, typeof ((await context.params) ?? {}).ws === 'string');
      const params = spec.params ? spec.params.parse((await context.params) ?? {}) : {};
      const query = spec.query ? spec.query.parse(Object.fromEntries(new URL(request.url).searchParams)) : {};
      const body = spec.body ? spec.body.parse(await readJsonBody(request)) : {};
      const ctx = spec.workspace ? await buildContext(viewer, params as Record<string, unknown>, spec.workspace, spec.notFound) : undefined;
      const result = await handler({ request, viewer, ctx, params, query, body } as HandlerArgs<P, Q, B, A, W>);
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
      if (appError.retryAfter !== undefined) headers['Retry-After'] = String(appError.retryAfter);
      return Response.json(errorBody(appError), { status: appError.status, headers });
    }
  };
}
