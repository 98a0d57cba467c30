// GET /api/v1/workspaces/:ws/search?q=&type=&document=&kind=&author=&cursor=&limit= — full-text search over the
//   workspace's passages, claims, annotations and replies the viewer may read, best first: items with snippets as
//   segments ({text, match}), `nextCursor`, and on the first page `facets` (counts by type, document and kind)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { searchWorkspace } from '@/lib/search/queries';
import { searchQuerySchema } from '@/lib/search/schemas';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams, query: searchQuerySchema }, async ({ ctx, query }) =>
  searchWorkspace({ ctx, query }),
);
