// POST /api/v1/workspaces/:ws/replies/:id/restore — undo a delete within 30 days (its author or an owner)
import { apiRoute } from '@/lib/api/handler';
import { replyParams } from '@/lib/api/params';
import { restoreReply } from '@/lib/annotations/reply-mutations';

export const POST = apiRoute({ workspace: 'restoreReply', params: replyParams }, async ({ ctx, params }) =>
  restoreReply({ ctx, id: params.replyId }),
);
