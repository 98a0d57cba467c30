// POST /api/v1/workspaces/:ws/claims/:id/merge {"into"} — merge this claim (B) into another (A): annotations,
//   evidence, crux links and credences move to A (owners, or B's creator when nobody else has used B)
import { apiRoute } from '@/lib/api/handler';
import { claimParams } from '@/lib/api/params';
import { mergeClaim } from '@/lib/claims/merge-mutations';
import { mergeClaimInputSchema } from '@/lib/claims/schemas';

export const POST = apiRoute({ workspace: 'mergeClaim', params: claimParams, body: mergeClaimInputSchema }, async ({ ctx, params, body }) =>
  mergeClaim({ ctx, id: params.claimId, into: body.into }),
);
