// PATCH /api/v1/workspaces/:ws/replies/:id — `{ version, body }` by its author (409 with `error.current` when
//   stale), or `{ hidden }` by owners
// DELETE — soft delete by its author or an owner (200 with the reply), restorable for 30 days
import { apiRoute } from '@/lib/api/handler';
import { replyParams } from '@/lib/api/params';
import { deleteReply, updateReply } from '@/lib/annotations/reply-mutations';
import { updateReplyInputSchema } from '@/lib/annotations/schemas';

export const PATCH = apiRoute({ workspace: 'read', params: replyParams, body: updateReplyInputSchema }, async ({ ctx, params, body }) =>
  updateReply({ ctx, id: params.replyId, input: body }),
);

export const DELETE = apiRoute({ workspace: 'deleteReply', params: replyParams }, async ({ ctx, params }) =>
  deleteReply({ ctx, id: params.replyId }),
);
