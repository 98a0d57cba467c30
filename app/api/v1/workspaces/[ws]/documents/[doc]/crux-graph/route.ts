// GET /api/v1/workspaces/:ws/documents/:doc/crux-graph — the document's crux graph: its map's claims with ratings or
//   crux links as nodes, the live crux links between them as edges from K to C, as the caller may see them
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';
import { getCruxGraph } from '@/lib/cruxes/graph-queries';
import { json } from '@/lib/api/json';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: documentParams }, async ({ ctx, params }) =>
  json(await getCruxGraph({ ctx, document: params.doc }), { headers: { 'cache-control': 'private, no-cache' } }),
);
