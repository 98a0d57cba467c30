// GET /ns/cruxmap.jsonld — the Cruxmap JSON-LD context: the terms of the structured bodies in W3C exports.
import { publicBaseUrl } from '@/lib/env';
import { cruxmapContext } from '@/lib/datasets/w3c';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return new Response(JSON.stringify(cruxmapContext(publicBaseUrl()), null, 2), {
    headers: { 'Content-Type': 'application/ld+json; charset=utf-8', 'Cache-Control': 'public, max-age=86400', 'Access-Control-Allow-Origin': '*' },
  });
}
