// GET /api/v1/workspaces/:ws/documents/:doc — metadata, the current version, its canonical text, and its
//   passages (id, index, kind, text, start, end: text.slice(start, end) === passage text)
// PATCH /api/v1/workspaces/:ws/documents/:doc — edit title/author, archive or restore, turn blind review on or off
//   (owners)
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';
import { userActor } from '@/lib/context/context';
import { loadWorkspaceContext } from '@/lib/context/queries';
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

// The context is built here rather than declared: the wrapper answers "Document not found." for an unreadable
// workspace on a document's route, and this write has always answered "Workspace not found." there.
export const PATCH = apiRoute({ params: documentParams, body: updateDocumentInputSchema }, async ({ viewer, params, body }) => {
  const ctx = await loadWorkspaceContext({ actor: userActor(viewer.userId, viewer.via), workspace: params.ws, permission: 'editDocuments' });
  return { document: await updateDocument({ ctx, document: params.doc, input: body }) };
});
