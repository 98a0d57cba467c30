// POST /api/v1/workspaces/:ws/corpus — add the bundled corpus (five texts) to the workspace (owners)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { loadBundledCorpus } from '@/lib/documents/bundled-corpus';

export const POST = apiRoute({ workspace: 'addDocuments', params: workspaceParams }, async ({ ctx }) => ({
  items: await loadBundledCorpus({ ctx }),
}));
