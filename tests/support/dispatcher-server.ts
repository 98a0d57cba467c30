// The route handlers of tests/support/route-dispatcher.ts behind a real HTTP server — the app's own server
// (lib/server/app-server.ts: each request's client address stamped from its socket and TRUST_PROXY) with the
// dispatcher where Next's handler would be. For API tests about what only a socket shows: the client's real address,
// and a body that is still arriving when the answer goes out.
import { request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createAddressStampingServer } from '../../lib/server/app-server';
import type { AppTarget } from './http-client';
import type { Dispatcher } from './route-dispatcher';

export type DispatcherServer = AppTarget & { close: () => Promise<void> };

function toRequest(req: IncomingMessage, res: ServerResponse, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const controller = new AbortController();
  // the answer sent, or the connection gone: a stream still being written stops
  res.once('close', () => controller.abort());
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: controller.signal,
    duplex: 'half',
  } as RequestInit);
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

/** Serves `dispatcher` on a free loopback port, trusting `trustProxy` proxies as TRUST_PROXY would. */
export async function serveDispatcher(dispatcher: Dispatcher, { trustProxy }: { trustProxy: number }): Promise<DispatcherServer> {
  let origin = '';
  const server: Server = createAddressStampingServer({
    trustProxy,
    handle: async (req, res) => send(await dispatcher.handle(toRequest(req, res, origin)), res),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: origin,
    fetch: (url, init) => fetch(url, init),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The app at `baseUrl` reached from the local address `localAddress` (any of 127.0.0.0/8 on Linux), so that one
 * test process can be clients at several socket addresses. Bodies are strings, as HttpClient sends them.
 */
export function fromLocalAddress(baseUrl: string, localAddress: string): AppTarget {
  return {
    baseUrl,
    fetch: (url, init) =>
      new Promise<Response>((resolve, reject) => {
        const headers = Object.fromEntries(new Headers(init.headers));
        const req = request(url, { method: init.method ?? 'GET', headers, localAddress }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const answer = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answer.append(name, one);
            }
            const status = res.statusCode ?? 500;
            resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: answer }));
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        if (typeof init.body === 'string') req.end(init.body);
        else req.end();
      }),
  };
}
