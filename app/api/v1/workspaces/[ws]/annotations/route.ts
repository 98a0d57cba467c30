// GET /api/v1/workspaces/:ws/annotations?document=&kind=&author=&claim=&cursor=&limit=&deleted= — a page of
//   annotations in a stable order (creation time, then id), with `nextCursor`
// POST /api/v1/workspaces/:ws/annotations — annotate (reviewers and owners): 201 with the annotation, whose
//   `claimId` is the claim made or used. Rating a claim you already rated revises your credence (same id,
//   version + 1).
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { createAnnotation } from '@/lib/annotations/mutations';
import { listAnnotations } from '@/lib/annotations/queries';
import { createAnnotationInputSchema, listAnnotationsQuerySchema } from '@/lib/annotations/schemas';
import { json } from '@/lib/api/json';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams, query: listAnnotationsQuerySchema }, async ({ ctx, query }) =>
  listAnnotations({ ctx, query }),
);

export const POST = apiRoute({ workspace: 'annotate', params: workspaceParams, body: createAnnotationInputSchema }, async ({ ctx, body }) => {
  const { annotation, createdClaimIds } = await createAnnotation({ ctx, input: body });
  return json({ ...annotation, createdClaimIds }, { status: 201 });
});
