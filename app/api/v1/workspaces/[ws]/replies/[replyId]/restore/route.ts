// POST /api/v1/workspaces/:ws/replies/:id/restore — undo a delete within 30 days (its author or an owner)
import { apiRoute } from '@/lib/api/handler';
import { replyParams } from '@/lib/api/params';
import { restoreReply } from '@/lib/annotations/replies';

export const POST = apiRoute({ params: replyParams }, async ({ viewer, params }) =>
  restoreReply({ userId: viewer.userId, workspace: params.ws, id: params.replyId }),
);
