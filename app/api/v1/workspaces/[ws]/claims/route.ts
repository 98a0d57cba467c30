// GET /api/v1/workspaces/:ws/claims?document=&start=&end=&q= — claims with their current credences: all of
//   the workspace's, those referenced on a document, or those whose text overlaps [start, end) of it
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { listClaims } from '@/lib/annotations/queries';
import { listClaimsQuerySchema } from '@/lib/annotations/schemas';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams, query: listClaimsQuerySchema }, async ({ ctx, query }) =>
  listClaims({ ctx, query }),
);
