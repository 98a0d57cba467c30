// GET /api/v1/workspaces/:ws/claims/:id — a claim's page as JSON: the claim, its current credences and every
//   revision (blind review applied), `mergedInto`, statement history, anchors across documents, the spread, rounds,
//   strongest evidence for and against, cruxes both ways, the discussion and counts (every list capped)
// PATCH — reword it `{statement, version?}`: its creator or an owner (409 when `version` is stale)
import { apiRoute } from '@/lib/api/handler';
import { claimParams } from '@/lib/api/params';
import { getClaimPage } from '@/lib/claims/claim-page-queries';
import { updateClaimInputSchema } from '@/lib/claims/schemas';
import { updateClaimStatement } from '@/lib/claims/statement-mutations';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: claimParams }, async ({ ctx, params }) =>
  getClaimPage({ ctx, id: params.claimId }),
);

export const PATCH = apiRoute({ workspace: 'editClaim', params: claimParams, body: updateClaimInputSchema }, async ({ ctx, params, body }) => {
  await updateClaimStatement({ ctx, id: params.claimId, input: body });
  return getClaimPage({ ctx, id: params.claimId });
});
