// JSON answers. A small one is sent as is: up to 4 KiB (three TCP segments of a 1 500-byte MTU), it arrives within
// the first flight of a connection (RFC 6928's initial window is ten segments) compressed or not, so compressing it
// saves no round trip, only a few kilobytes; and it costs the server a zlib stream per answer (an annotation's 201
// is 1–3 KiB: measured, about a tenth of a millisecond of CPU each) and the client its inflating. It is marked
// `Cache-Control: no-transform`, which the compression in front of the route handlers (Next's) honours; a
// larger answer is compressed as before when the client accepts it.

/** the largest body sent uncompressed: three TCP segments of a 1 500-byte MTU, well within the initial window */
export const UNCOMPRESSED_JSON_MAX = 4_096;

/** Response.json, with a small body marked no-transform (unless the caller set Cache-Control). */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  if (!headers.has('cache-control') && Buffer.byteLength(text) <= UNCOMPRESSED_JSON_MAX) headers.set('cache-control', 'no-transform');
  return new Response(text, { ...init, headers });
}
