// The app's HTTP server: a plain Node `http` server around Next's request handler, because route handlers never see
// the socket and the per-address limits need its peer. Every request gets its client address stamped
// (./client-address.ts) before Next sees it; everything else is Next's own (`next({ dev }).getRequestHandler()`,
// and its upgrade handler for the development server's hot reload).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { declareAddressStampingServer, stampClientAddress } from './client-address';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => unknown;

/** An http.Server that stamps each request's client address, then hands it to `handle`. */
export function createAddressStampingServer({
  handle,
  upgrade,
  trustProxy,
}: {
  handle: NodeHandler;
  upgrade?: UpgradeHandler;
  trustProxy: number;
}): Server {
  declareAddressStampingServer();
  const server = createServer((req, res) => {
    stampClientAddress(req.headers, req.socket.remoteAddress, trustProxy);
    Promise.resolve(handle(req, res)).catch((error: unknown) => {
      console.error('[server] the request handler failed', error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  if (upgrade) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      stampClientAddress(req.headers, req.socket.remoteAddress, trustProxy);
      void upgrade(req, socket, head);
    });
  }
  return server;
}
