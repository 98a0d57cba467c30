// PUT /api/v1/workspaces/:ws/crux-links/:id/conditionals {"ifTrue","ifFalse"} — set the caller's conditional
//   credences on a crux link, P(C | K true) and P(C | K false), each in [0, 1] (reviewers; every value kept as a
//   revision); answers the link in the shape of the crux-link list
import { apiRoute } from '@/lib/api/handler';
import { cruxLinkParams } from '@/lib/api/params';
import { setConditionals } from '@/lib/cruxes/mutations';
import { getCruxLink } from '@/lib/cruxes/queries';
import { conditionalsInputSchema } from '@/lib/cruxes/schemas';

export const PUT = apiRoute({ workspace: 'annotate', params: cruxLinkParams, body: conditionalsInputSchema }, async ({ ctx, params, body }) => {
  await setConditionals({ ctx, id: params.linkId, input: body });
  return getCruxLink({ ctx, id: params.linkId });
});
