// POST /api/v1/workspaces/:ws/claims/:id/unmerge — undo this claim's merge within 30 days, restoring every row
//   (owners, or whoever merged it)
import { apiRoute } from '@/lib/api/handler';
import { claimParams } from '@/lib/api/params';
import { unmergeClaim } from '@/lib/claims/merge-mutations';

export const POST = apiRoute({ workspace: 'mergeClaim', params: claimParams }, async ({ ctx, params }) =>
  unmergeClaim({ ctx, id: params.claimId }),
);
