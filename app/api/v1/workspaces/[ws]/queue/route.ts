// GET /api/v1/workspaces/:ws/queue[?document=] — "Rate next": the claims I have not rated or skipped, what my rating
//   adds first (thin panels, then disagreement, then cruxes for disputed claims), each with the reason in words
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { getQueue } from '@/lib/queue/queries';
import { queueQuerySchema } from '@/lib/queue/schemas';

export const GET = apiRoute({ workspace: 'annotate', params: workspaceParams, query: queueQuerySchema }, async ({ ctx, query }) =>
  getQueue({ ctx, document: query.document }),
);
