// GET /api/v1/workspaces/:ws/annotations/:id/replies — the thread, oldest first (`parentId` threads it)
// POST — reply (reviewers and owners): `{ body, parentId? }` → 201 with the reply
import { apiRoute } from '@/lib/api/handler';
import { annotationParams } from '@/lib/api/params';
import { createReply } from '@/lib/annotations/reply-mutations';
import { listReplies } from '@/lib/annotations/reply-queries';
import { createReplyInputSchema } from '@/lib/annotations/schemas';
import { json } from '@/lib/api/json';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: annotationParams }, async ({ ctx, params }) =>
  listReplies({ ctx, annotationId: params.annotationId }),
);

export const POST = apiRoute({ workspace: 'read', params: annotationParams, body: createReplyInputSchema }, async ({ ctx, params, body }) =>
  json(await createReply({ ctx, annotationId: params.annotationId, input: body }), { status: 201 }),
);
