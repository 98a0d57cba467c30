// GET /api/v1/workspaces/:ws/disagreement — the workspace's disagreement across documents: per document its claims,
//   alpha, most disputed claim and passage heat; the most disputed claims and the cruxes across documents; each
//   document's numbers as the caller may see them under blind review
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { getWorkspaceDisagreement } from '@/lib/disagreement/workspace-queries';
import { json } from '@/lib/api/json';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', notFound: 'Document not found.', params: workspaceParams }, async ({ ctx }) =>
  json(await getWorkspaceDisagreement({ ctx }), { headers: { 'cache-control': 'private, no-cache' } }),
);
