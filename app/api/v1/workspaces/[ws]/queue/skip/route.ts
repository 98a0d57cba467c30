// POST /api/v1/workspaces/:ws/queue/skip {"claimId"} — "S" in the queue: the claim leaves my queue (remembered)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { skipClaim } from '@/lib/queue/mutations';
import { queueSkipInputSchema } from '@/lib/queue/schemas';

export const POST = apiRoute({ workspace: 'annotate', params: workspaceParams, body: queueSkipInputSchema }, async ({ ctx, body }) =>
  skipClaim({ ctx, claimId: body.claimId }),
);
