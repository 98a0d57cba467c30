// GET /api/v1/workspaces/:ws/documents/:doc/disagreement — the document's disagreement map (claims with their
//   statistics — bridged credence and viewpoint included —, passage heat, reviewer pairs, alpha, opinion groups,
//   consensus, crux links with their numbers, double cruxes (marked or found by the numbers) and implicit cruxes
//   with their q-values, the spread per round), as the caller may see it under blind review; cached per data version. `?credences=true`
//   adds each claim's individual credences (for charts).
import { z } from 'zod';
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';
import { getDisagreementMapJson } from '@/lib/disagreement/queries';

const query = z.object({ credences: z.enum(['true', 'false'], { message: 'credences must be true or false.' }).optional() });

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: documentParams, query }, async ({ ctx, params, query }) => {
  const body = await getDisagreementMapJson({
    ctx,
    document: params.doc,
    withCredences: query.credences === 'true',
  });
  return new Response(body, { headers: { 'content-type': 'application/json', 'cache-control': 'private, no-cache' } });
});
