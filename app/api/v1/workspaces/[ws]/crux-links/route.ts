// GET /api/v1/workspaces/:ws/crux-links[?document=] — the workspace's live crux links (K = cruxClaimId, C =
//   forClaimId), or those between a document's claims: direction, markedBy, n and expectedShift as the caller may
//   see them under blind review, and `mine`, the caller's own conditionals; largest expected shift first
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { listCruxLinks } from '@/lib/cruxes/queries';
import { cruxLinkListQuerySchema } from '@/lib/cruxes/schemas';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams, query: cruxLinkListQuerySchema }, async ({ ctx, query }) =>
  listCruxLinks({ ctx, document: query.document }),
);
