// GET /api/v1/workspaces/:ws/documents/:doc — metadata, the current version, its canonical text, and its
//   passages (id, index, kind, text, start, end: text.slice(start, end) === passage text)
// PATCH /api/v1/workspaces/:ws/documents/:doc — edit title/author, archive or restore, turn blind review on or off
//   (owners)
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';
import { updateDocument } from '@/lib/documents/mutations';
import { getDocumentForReader } from '@/lib/documents/queries';
import { updateDocumentInputSchema } from '@/lib/documents/schemas';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: documentParams }, async ({ ctx, params }) => {
  const reader = await getDocumentForReader({ ctx, document: params.doc });
  return {
    ...reader.document,
    workspace: { slug: reader.workspace.slug, name: reader.workspace.name },
    version: reader.version,
    text: reader.text,
    passages: reader.passages.map(({ id, index, kind, text, start, end }) => ({ id, index, kind, text, start, end })),
  };
});

// an owner's write to the workspace: an unreadable workspace says so, as it always has
export const PATCH = apiRoute(
  { workspace: 'editDocuments', notFound: 'Workspace not found.', params: documentParams, body: updateDocumentInputSchema },
  async ({ ctx, params, body }) => ({ document: await updateDocument({ ctx, document: params.doc, input: body }) }),
);
