// POST /api/v1/workspaces/:ws/corpus — add the bundled corpus (five texts) to the workspace (owners)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { addBundledCorpus } from '@/lib/documents/bundled-corpus';

export const POST = apiRoute({ params: workspaceParams }, async ({ viewer, params }) => ({
  items: await addBundledCorpus({ userId: viewer.userId, workspace: params.ws }),
}));
