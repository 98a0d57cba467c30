// GET /api/v1/workspaces/:ws/crux-graph — the workspace's crux graph: one node per claim with ratings or crux links
//   (statement, n, aggregate, bridged, disagreement, evidence {for, against}), one edge per live crux link from K to
//   C (direction, n, expectedShift), as the caller may see them under blind review
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { getCruxGraph } from '@/lib/cruxes/graph-queries';
import { json } from '@/lib/api/json';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams }, async ({ ctx }) =>
  json(await getCruxGraph({ ctx }), { headers: { 'cache-control': 'private, no-cache' } }),
);
