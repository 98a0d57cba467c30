// GET /api/v1/workspaces/:ws/annotations/:id/replies — the thread, oldest first (`parentId` threads it)
// POST — reply (reviewers and owners): `{ body, parentId? }` → 201 with the reply
import { apiRoute } from '@/lib/api/handler';
import { annotationParams } from '@/lib/api/params';
import { createReply, listReplies } from '@/lib/annotations/replies';
import { createReplyInputSchema } from '@/lib/annotations/schemas';

export const GET = apiRoute({ auth: 'optional', params: annotationParams }, async ({ viewer, params }) =>
  listReplies({ userId: viewer?.userId ?? null, workspace: params.ws, annotationId: params.annotationId }),
);

export const POST = apiRoute({ params: annotationParams, body: createReplyInputSchema }, async ({ viewer, params, body }) =>
  Response.json(await createReply({ userId: viewer.userId, workspace: params.ws, annotationId: params.annotationId, input: body }), { status: 201 }),
);
