// The client's address, which the per-address limits count: the socket's peer when no proxy is declared
// (TRUST_PROXY=0), else the right-most X-Forwarded-For hop the declared proxies did not write themselves. Route
// handlers cannot see the socket, so the app's own HTTP server (./app-server.ts) works the address out and hands it
// on in CLIENT_ADDRESS_HEADER, after deleting any copy the client sent; handlers read it with clientAddressOf.
import { isIP } from 'node:net';

export const CLIENT_ADDRESS_HEADER = 'x-cruxmap-client-address';

// Set by the server that stamps CLIENT_ADDRESS_HEADER, in this process: without it (Next served by something else)
// the header could come from anyone, and is not believed.
const STAMPING_SERVER = Symbol.for('cruxmap.clientAddressServer');

/** Called by the server that deletes a client-sent CLIENT_ADDRESS_HEADER and writes its own on every request. */
export function declareAddressStampingServer(): void {
  (globalThis as Record<symbol, unknown>)[STAMPING_SERVER] = true;
}

const isStampingServerDeclared = (): boolean => (globalThis as Record<symbol, unknown>)[STAMPING_SERVER] === true;

/** An address as one form: IPv4 clients on a dual-stack socket (`::ffff:10.0.0.1`) count as their IPv4 address. */
export function normalizeAddress(address: string): string | null {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  const candidate = (mapped?.[1] ?? trimmed).toLowerCase();
  return isIP(candidate) === 0 ? null : candidate;
}

/**
 * The client's address. `forwardedFor` is every X-Forwarded-For value the request carried, joined by commas; with
 * `trustProxy` = N proxies in front, the N-th hop from the right is the address the outermost of them saw (each
 * proxy appends the address it received from, so hops further left are whatever the client wrote). Fewer hops than
 * N, or a hop that is not an address: the socket's peer.
 */
export function resolveClientAddress({
  remoteAddress,
  forwardedFor,
  trustProxy,
}: {
  remoteAddress: string | undefined;
  forwardedFor: string | undefined;
  trustProxy: number;
}): string | null {
  const socket = remoteAddress === undefined ? null : normalizeAddress(remoteAddress);
  if (trustProxy <= 0 || !forwardedFor) return socket;
  // Bounded by the header size limit of the HTTP server (16 KB); only the last N hops are looked at.
  const hops = forwardedFor.split(',');
  if (hops.length < trustProxy) return socket;
  const hop = hops[hops.length - trustProxy] as string;
  return normalizeAddress(hop) ?? socket;
}

/**
 * The client's address as the app's server stamped it on the request, or null when the request did not come
 * through that server (then no per-address limit can be told apart, and those limits fall back to their per-email
 * or per-user forms).
 */
export function clientAddressOf(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  if (!isStampingServerDeclared()) return null;
  const raw = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value ? normalizeAddress(value) : null;
}

/**
 * What the server does to every request before the app sees it: forget any client-sent CLIENT_ADDRESS_HEADER and
 * write the resolved address (nothing when unknown). `headers` is Node's IncomingHttpHeaders, changed in place.
 */
export function stampClientAddress(
  headers: Record<string, string | string[] | undefined>,
  remoteAddress: string | undefined,
  trustProxy: number,
): string | null {
  delete headers[CLIENT_ADDRESS_HEADER];
  const forwarded = headers['x-forwarded-for'];
  const address = resolveClientAddress({
    remoteAddress,
    forwardedFor: Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    trustProxy,
  });
  if (address) headers[CLIENT_ADDRESS_HEADER] = address;
  return address;
}
