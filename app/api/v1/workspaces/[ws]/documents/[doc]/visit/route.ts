// POST /api/v1/workspaces/:ws/documents/:doc/visit — "I opened the document": records the visit and answers what
// others did on it since the last one: {since, annotations:[id], replies:{annotationId: n}, claims:[id]}.
// `since` is null on a first visit (nothing is new); openings within 30 minutes are one visit.
import { apiRoute } from '@/lib/api/handler';
import { documentParams } from '@/lib/api/params';
import { requireDocument } from '@/lib/context/queries';
import { recordVisit } from '@/lib/visits/mutations';
import { newSinceVisit } from '@/lib/visits/queries';

export const POST = apiRoute({ workspace: 'read', params: documentParams }, async ({ ctx, params }) => {
  const doc = await requireDocument(ctx, params.doc, { select: { id: true } });
  const since = await recordVisit({ ctx, documentId: doc.id });
  return newSinceVisit({ ctx, documentId: doc.id, since });
});
