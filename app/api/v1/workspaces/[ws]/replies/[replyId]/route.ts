// PATCH /api/v1/workspaces/:ws/replies/:id — `{ version, body }` by its author (409 with `error.current` when
//   stale), or `{ hidden }` by owners
// DELETE — soft delete by its author or an owner (200 with the reply), restorable for 30 days
import { apiRoute } from '@/lib/api/handler';
import { replyParams } from '@/lib/api/params';
import { deleteReply, updateReply } from '@/lib/annotations/replies';
import { updateReplyInputSchema } from '@/lib/annotations/schemas';

export const PATCH = apiRoute({ params: replyParams, body: updateReplyInputSchema }, async ({ viewer, params, body }) =>
  updateReply({ userId: viewer.userId, workspace: params.ws, id: params.replyId, input: body }),
);

export const DELETE = apiRoute({ params: replyParams }, async ({ viewer, params }) =>
  deleteReply({ userId: viewer.userId, workspace: params.ws, id: params.replyId }),
);
