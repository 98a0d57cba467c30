// Route handlers in the test process: a request's path is mapped to the app/**/route.ts module Next would serve
// it from, and that module's method is called with `{ params: Promise.resolve(params) }` as Next calls it — a
// Request in, a Response out, without a build or a server. What Next's own server adds around a route handler is
// reproduced where handlers can see it (the Host and X-Forwarded-* request headers, HEAD answered by GET,
// OPTIONS, 405); what only the built app does (next.config headers, proxy.ts, pages) stays in tests/e2e. What the
// app's own server (lib/server/app-server.ts) adds is reproduced too: the client address is stamped as that server
// stamps it, the dispatcher standing in for `trustProxy` proxies (one by default: a client's X-Forwarded-For is
// its address) — or, through `handle`, by a real server in front that stamped it already.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_ADDRESS_HEADER, declareAddressStampingServer, stampClientAddress } from '../../lib/server/client-address';

type Params = Record<string, string | string[]>;
type RouteContext = { params: Promise<Params> };
type RouteHandler = (request: Request, context: RouteContext) => Response | Promise<Response>;
type RouteModule = Partial<Record<string, unknown>>;

type Segment = { kind: 'static'; value: string } | { kind: 'dynamic'; name: string } | { kind: 'catchAll'; name: string; isOptional: boolean };

export type Route = { file: string; pattern: string; segments: Segment[] };

const methods = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** A folder name as a URL segment; null for folders that are not part of the address: (groups) and @slots. */
function parseSegment(name: string): Segment | null {
  if (/^\(.*\)$/.test(name) || name.startsWith('@')) return null;
  const optionalCatchAll = /^\[\[\.\.\.(\w+)\]\]$/.exec(name);
  if (optionalCatchAll?.[1]) return { kind: 'catchAll', name: optionalCatchAll[1], isOptional: true };
  const catchAll = /^\[\.\.\.(\w+)\]$/.exec(name);
  if (catchAll?.[1]) return { kind: 'catchAll', name: catchAll[1], isOptional: false };
  const dynamic = /^\[(\w+)\]$/.exec(name);
  if (dynamic?.[1]) return { kind: 'dynamic', name: dynamic[1] };
  return { kind: 'static', value: name };
}

const rank = (segment: Segment | undefined): number =>
  segment === undefined ? -1 : segment.kind === 'static' ? 0 : segment.kind === 'dynamic' ? 1 : segment.isOptional ? 3 : 2;

/** Next's precedence: at the first position where two routes differ, static before [param] before [...param]. */
function compareRoutes(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const difference = rank(a.segments[i]) - rank(b.segments[i]);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Every route.ts (or .js) under `appDir`, most specific first; files in _private folders are not routes. */
export function discoverRoutes(appDir: string): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(appDir, { recursive: true, encoding: 'utf8' })) {
    if (!/^route\.(?:ts|js)$/.test(path.basename(entry))) continue;
    const folders = path.dirname(entry).split(path.sep).filter((f) => f !== '.');
    if (folders.some((f) => f.startsWith('_'))) continue;
    const segments = folders.map(parseSegment).filter((s): s is Segment => s !== null);
    const pattern = `/${segments.map((s) => (s.kind === 'static' ? s.value : s.kind === 'dynamic' ? `[${s.name}]` : `[...${s.name}]`)).join('/')}`;
    routes.push({ file: path.join(appDir, entry), pattern, segments });
  }
  return routes.sort(compareRoutes);
}

/** The params of `route` for these (decoded) path segments, or null when it does not serve them. */
export function matchRoute(route: Route, parts: string[]): Params | null {
  const params: Params = {};
  for (const [i, segment] of route.segments.entries()) {
    if (segment.kind === 'catchAll') {
      const rest = parts.slice(i);
      if (rest.length === 0 && !segment.isOptional) return null;
      if (rest.length > 0) params[segment.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.kind === 'static' && segment.value !== part) return null;
    if (segment.kind === 'dynamic') params[segment.name] = part;
  }
  return parts.length === route.segments.length ? params : null;
}

function pathParts(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

function handlerFor(routeModule: RouteModule, method: string): RouteHandler | null {
  const exported = (name: string): RouteHandler | null => (typeof routeModule[name] === 'function' ? (routeModule[name] as RouteHandler) : null);
  if (method === 'HEAD') return exported('HEAD') ?? exported('GET');
  if (method === 'OPTIONS' && !exported('OPTIONS')) {
    const implemented = methods.filter((m) => exported(m) || (m === 'HEAD' && exported('GET')));
    const allow = [...new Set(['OPTIONS', ...implemented])].sort().join(', ');
    return () => new Response(null, { status: 204, headers: { Allow: allow } });
  }
  return exported(method);
}

export type Dispatcher = {
  /** `fetch` for the app's routes: the URL's origin is ignored, its path and query are what the route sees. */
  fetch: (input: string | URL, init?: RequestInit) => Promise<Response>;
  /** A request whose client address a real server in front already stamped (tests/support/dispatcher-server.ts). */
  handle: (request: Request) => Promise<Response>;
  /** Aborts every request still open (event streams), as a closing connection would. */
  close: () => void;
};

export function createDispatcher({
  appDir,
  clientAddress = '127.0.0.1',
  trustProxy = 1,
}: {
  appDir: string;
  clientAddress?: string;
  trustProxy?: number;
}): Dispatcher {
  declareAddressStampingServer();
  const routes = discoverRoutes(appDir);
  const modules = new Map<string, Promise<RouteModule>>();
  const open = new Set<AbortController>();
  const load = (file: string): Promise<RouteModule> => {
    let loaded = modules.get(file);
    if (!loaded) modules.set(file, (loaded = import(/* @vite-ignore */ file) as Promise<RouteModule>));
    return loaded;
  };

  async function dispatch(input: string | URL, init: RequestInit = {}, isStamped = false): Promise<Response> {
    const url = new URL(input);
    const parts = pathParts(url.pathname);
    if (parts === null) return new Response('Bad Request', { status: 400 });
    const found = routes.map((route) => ({ route, params: matchRoute(route, parts) })).find((r) => r.params !== null);
    if (!found?.params) return new Response(`no route file serves ${url.pathname}`, { status: 404 });

    const method = (init.method ?? 'GET').toUpperCase();
    const handler = handlerFor(await load(found.route.file), method);
    if (!handler) return new Response(null, { status: 405 });

    // What Next's server adds to every request before a route handler sees it (base-server.ts).
    const headers = new Headers(init.headers);
    if (!headers.has('host')) headers.set('host', url.host);
    if (!headers.has('x-forwarded-host')) headers.set('x-forwarded-host', headers.get('host') ?? url.host);
    if (!headers.has('x-forwarded-port')) headers.set('x-forwarded-port', url.port || (url.protocol === 'https:' ? '443' : '80'));
    if (!headers.has('x-forwarded-proto')) headers.set('x-forwarded-proto', url.protocol.replace(':', ''));
    if (!isStamped) {
      const stamped: Record<string, string | string[] | undefined> = Object.fromEntries(headers);
      const address = stampClientAddress(stamped, clientAddress, trustProxy);
      headers.delete(CLIENT_ADDRESS_HEADER);
      if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
    }
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', clientAddress);
    if (typeof init.body === 'string' && !headers.has('content-length')) headers.set('content-length', String(Buffer.byteLength(init.body)));

    // The request's signal aborts when the caller's does, or when the file's tests are done (close()).
    const controller = new AbortController();
    open.add(controller);
    if (init.signal?.aborted) controller.abort(init.signal.reason);
    else init.signal?.addEventListener('abort', () => controller.abort(init.signal?.reason));
    // duplex: a streamed body (a chunked upload) is passed on as it arrives
    const request = new Request(url, { method, headers, body: init.body, signal: controller.signal, duplex: 'half' } as RequestInit);
    try {
      const response = await handler(request, { params: Promise.resolve(found.params) });
      if (method === 'HEAD') {
        await response.body?.cancel();
        return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
      }
      return response;
    } catch (error) {
      // Next logs a handler's uncaught error and answers 500 with no body.
      console.error(`[dispatcher] ${method} ${url.pathname}`, error);
      return new Response(null, { status: 500 });
    }
  }

  return {
    fetch: (input, init) => dispatch(input, init),
    handle: (request) => dispatch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: request.signal, duplex: 'half' } as RequestInit, true),
    close: () => {
      for (const controller of open) controller.abort();
      open.clear();
    },
  };
}
