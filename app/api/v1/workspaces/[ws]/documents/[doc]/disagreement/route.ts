// GET /api/v1/workspaces/:ws/documents/:doc/disagreement — the document's disagreement map (claims with their
//   statistics — bridged credence and viewpoint included —, passage heat, reviewer pairs, alpha, opinion groups,
//   consensus, crux links with their numbers, double cruxes (marked or found by the numbers) and implicit cruxes
//   with their q-values, the spread per round), as the caller may see it under blind review; cached per data version. `?credences=true`
//   adds each listed claim's individual credences (for charts); `?pairs=N` (0 to 1 000, default 50) lists the N least and
//   the N most agreeing reviewer pairs, `pairsTotal` counts them all; `?claims=N` (0 to 10 000, default 500) lists N
//   claims of the ranking (most disagreement first) from `?claimsOffset=K` (default 0), with their credences, their
//   spreads per round and the double cruxes and crux links into them, `claimsTotal` (and `doubleCruxesTotal`,
//   `cruxLinksTotal`) counts them all.
import { z } from 'zod';
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';
import { getDisagreementMapJson } from '@/lib/disagreement/queries';
import { DEFAULT_MAP_CLAIMS, DEFAULT_MAP_PAIRS, MAX_MAP_CLAIMS, MAX_MAP_PAIRS } from '@/lib/disagreement/types';

const pairsMessage = `pairs must be a whole number from 0 to ${MAX_MAP_PAIRS}.`;
const claimsMessage = `claims must be a whole number from 0 to ${MAX_MAP_CLAIMS}.`;
const claimsOffsetMessage = 'claimsOffset must be a whole number (0 or more).';
const query = z.object({
  credences: z.enum(['true', 'false'], { message: 'credences must be true or false.' }).optional(),
  pairs: z
    .string()
    .regex(/^\d{1,7}$/, pairsMessage)
    .transform(Number)
    .pipe(z.number().max(MAX_MAP_PAIRS, pairsMessage))
    .optional(),
  claims: z
    .string()
    .regex(/^\d{1,7}$/, claimsMessage)
    .transform(Number)
    .pipe(z.number().max(MAX_MAP_CLAIMS, claimsMessage))
    .optional(),
  claimsOffset: z.string().regex(/^\d{1,9}$/, claimsOffsetMessage).transform(Number).optional(),
});

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: documentParams, query }, async ({ ctx, params, query }) => {
  const body = await getDisagreementMapJson({
    ctx,
    document: params.doc,
    withCredences: query.credences === 'true',
    pairs: query.pairs ?? DEFAULT_MAP_PAIRS,
    claims: { offset: query.claimsOffset ?? 0, limit: query.claims ?? DEFAULT_MAP_CLAIMS },
  });
  return new Response(body, { headers: { 'content-type': 'application/json', 'cache-control': 'private, no-cache' } });
});
