// The one wrapper every route handler goes through: who is asking (session cookie or bearer token), the
// same-origin rule for cookie-authenticated writes, zod parsing of params, query and body, and error mapping.
// A route that acts inside a workspace declares what it needs (`workspace: 'read'` or a permission such as
// 'annotate'), and receives the request context built once from the `ws` path parameter (lib/context).
// A bearer token's grant is enforced here: a read-scope token gets 403 on every write; a token limited to one
// workspace carries that limit in the context's actor, so no other workspace is found.
// Unexpected errors are logged on the server and answered with a generic 500; a database that cannot be reached
// (down or restarting) is answered 503 with Retry-After.
import type { z } from 'zod';
import { viewerFromRequest, viewerIn, type Viewer } from '../auth/viewer';
import { actorWorkspaceLimit, authorize, requestActor, workspaceContext, type Permission, type WorkspaceContext } from '../context/context';
import type { MembershipIn } from '../context/permissions';
import { loadWorkspaceContext } from '../context/queries';
import { AppError, DATABASE_RETRY_AFTER_SECONDS, errorBody, toAppError } from '../errors';
import { LIMITS } from '../limits';
import { readBodyText } from './body';
import { json } from './json';

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

const NUL = '\u0000';

/**
 * The dotted paths of strings (and keys) in `value` holding U+0000, which PostgreSQL cannot store in text: refused
 * up front with field messages rather than failing in the database. Walks at most `budget` nodes.
 */
function nulPaths(value: unknown, prefix: string[] = [], found: string[] = [], budget = { nodes: 100_000 }): string[] {
  if (--budget.nodes < 0 || found.length >= 20) return found;
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(prefix.length > 0 ? prefix.join('.') : '_');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPaths(item, [...prefix, String(i)], found, budget));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) found.push([...prefix, key.replaceAll(NUL, '\\0')].join('.'));
      else nulPaths(item, [...prefix, key], found, budget);
    }
  }
  return found;
}

function refuseNul(input: unknown): void {
  const paths = nulPaths(input);
  if (paths.length === 0) return;
  const fields = Object.fromEntries(paths.map((p) => [p, ['must not contain the NUL character (U+0000)']]));
  throw new AppError('BAD_REQUEST', 'The request is invalid.', { fields });
}

/**
 * The request context of a workspace route. A member's comes from the membership their sign-in read (`viewerIn`),
 * when it is of this workspace and within their token's limit: the same context `loadWorkspaceContext` builds, with
 * no query of its own; everyone else's (a reader of a public workspace, a stranger: 404) from `loadWorkspaceContext`.
 */
async function buildContext(
  viewer: Viewer | null,
  membership: MembershipIn | null,
  params: Record<string, unknown>,
  need: WorkspaceNeed,
  notFound?: string,
): Promise<WorkspaceContext> {
  if (typeof params.ws !== 'string') throw new Error('a workspace route needs a `ws` path parameter');
  const actor = requestActor(viewer);
  const member = membership?.workspace === params.ws ? membership.member : null;
  const limit = actorWorkspaceLimit(actor);
  if (member && (limit === null || limit === member.workspace.id)) {
    const ctx = workspaceContext(actor, member.workspace, member.role, member.userName);
    if (need !== 'read') authorize(ctx, need);
    return ctx;
  }
  return loadWorkspaceContext({
    actor,
    workspace: params.ws,
    permission: need === 'read' ? undefined : need,
    notFound: notFound ?? (typeof params.doc === 'string' ? 'Document not found.' : 'Workspace not found.'),
  });
}

/** What a route declared about its input: read by the property-based tests to generate requests from its schemas. */
export type RouteInputSchemas = { auth: AuthMode; params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };

const declaredInputs = new WeakMap<object, RouteInputSchemas>();

/** The schemas an `apiRoute` handler was declared with; undefined for a handler written without the wrapper. */
export function routeInputSchemas(handler: unknown): RouteInputSchemas | undefined {
  return typeof handler === 'function' ? declaredInputs.get(handler) : undefined;
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
  const route = async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      assertSameOrigin(request);
      const mode: AuthMode = spec.auth ?? 'required';
      const rawParams = (await context.params) ?? {};
      // a workspace route's sign-in reads the viewer's membership of it too (buildContext)
      const { viewer, membership } =
        mode === 'none' ? { viewer: null, membership: null } : await viewerIn(request, spec.workspace && typeof rawParams.ws === 'string' ? rawParams.ws : undefined);
      if (mode === 'required' && !viewer) throw new AppError('UNAUTHORIZED', 'Sign in or send an API token.');
      const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
      refuseNul({ ...rawParams, ...rawQuery });
      assertTokenMayCall(viewer, request.method, typeof rawParams.ws === 'string');
      const params = spec.params ? spec.params.parse(rawParams) : {};
      const query = spec.query ? spec.query.parse(rawQuery) : {};
      const rawBody = spec.body ? await readJsonBody(request) : undefined;
      refuseNul(rawBody);
      const body = spec.body ? spec.body.parse(rawBody) : {};
      const ctx = spec.workspace ? await buildContext(viewer, membership, params as Record<string, unknown>, spec.workspace, spec.notFound) : undefined;
      const result = await handler({ request, viewer, ctx, params, query, body } as HandlerArgs<P, Q, B, A, W>);
      return result instanceof Response ? result : json(result);
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
      if (appError.code === 'DATABASE_UNAVAILABLE') {
        // one line, not the stack: an outage answers many requests at once
        console.warn(`[api] ${request.method} ${new URL(request.url).pathname}: database unavailable`);
        headers['Retry-After'] = String(DATABASE_RETRY_AFTER_SECONDS);
      }
      return json(errorBody(appError), { status: appError.status, headers });
    }
  };
  declaredInputs.set(route, { auth: spec.auth ?? 'required', params: spec.params, query: spec.query, body: spec.body });
  return route;
}
