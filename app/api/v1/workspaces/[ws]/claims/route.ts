// GET /api/v1/workspaces/:ws/claims?document=&start=&end=&q= — claims with their current credences: all of
//   the workspace's, those referenced on a document, or those whose text overlaps [start, end) of it;
//   ?similar=TEXT&limit= — the live claims most like TEXT across the workspace's documents, with `similarity`
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { listClaims } from '@/lib/annotations/queries';
import { listClaimsQuerySchema } from '@/lib/annotations/schemas';
import { listSimilarClaims } from '@/lib/annotations/similar-claims-queries';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams, query: listClaimsQuerySchema }, async ({ ctx, query }) =>
  query.similar !== undefined ? listSimilarClaims({ ctx, text: query.similar, limit: query.limit }) : listClaims({ ctx, query }),
);
