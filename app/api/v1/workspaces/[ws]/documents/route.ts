// GET /api/v1/workspaces/:ws/documents — the workspace's documents (owners may add ?archived=include)
// POST /api/v1/workspaces/:ws/documents — import a text {slug,text,title?,author?,format?,filename?} (owners);
//   with "preview": true nothing is saved and the normalized document and its warnings come back
import { z } from 'zod';
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { importDocument, previewImport } from '@/lib/documents/mutations';
import { getLibrary } from '@/lib/documents/queries';
import { importDocumentInputSchema } from '@/lib/documents/schemas';
import { json } from '@/lib/api/json';

const listQuery = z.object({ archived: z.enum(['exclude', 'include']).default('exclude') });
const importBody = importDocumentInputSchema.extend({ preview: z.boolean().default(false) });

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams, query: listQuery }, async ({ ctx, query }) => {
  const library = await getLibrary({ ctx, includeArchived: query.archived === 'include' });
  return {
    items: library.documents.map(({ versionNumber, ...d }) => ({ ...d, version: versionNumber })),
    nextCursor: null,
  };
});

export const POST = apiRoute({ workspace: 'importDocuments', params: workspaceParams, body: importBody }, async ({ ctx, body }) => {
  const { preview, ...input } = body;
  if (preview) return previewImport({ ctx, input });
  const result = await importDocument({ ctx, input });
  return json({ import: result }, { status: result.status === 'created' ? 201 : 200 });
});
