// JSON answers. One that fits in a single TCP segment is sent as is: compressing it saves no packet, and costs the
// server about half a millisecond of CPU per answer (a zlib stream) and the client its inflating. It is marked
// `Cache-Control: no-transform`, which the compression in front of the route handlers (Next's) honours; a
// larger answer is compressed as before when the client accepts it.

/** the largest body sent uncompressed: under one TCP segment of a 1 500-byte MTU, with room for the headers' tail */
export const UNCOMPRESSED_JSON_MAX = 1_400;

/** Response.json, with a small body marked no-transform (unless the caller set Cache-Control). */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  if (!headers.has('cache-control') && Buffer.byteLength(text) <= UNCOMPRESSED_JSON_MAX) headers.set('cache-control', 'no-transform');
  return new Response(text, { ...init, headers });
}
