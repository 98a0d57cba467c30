// GET /api/v1/workspaces/:ws/presence?document= — who is reading the document now (members)
// PUT /api/v1/workspaces/:ws/presence — heartbeat {document, passageId?}: I am reading it, looking at that passage
// DELETE /api/v1/workspaces/:ws/presence?document= — I left (a closing tab sends it)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { heartbeatPresence, leavePresence, listPresence } from '@/lib/realtime/presence';
import { presenceInputSchema, presenceQuerySchema } from '@/lib/realtime/schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: workspaceParams, query: presenceQuerySchema }, async ({ viewer, params, query }) => ({
  items: await listPresence({ userId: viewer.userId, workspace: params.ws, document: query.document }),
}));

export const PUT = apiRoute({ params: workspaceParams, body: presenceInputSchema }, async ({ viewer, params, body }) => ({
  items: await heartbeatPresence({ userId: viewer.userId, workspace: params.ws, input: body }),
}));

export const DELETE = apiRoute({ params: workspaceParams, query: presenceQuerySchema }, async ({ viewer, params, query }) => {
  await leavePresence({ userId: viewer.userId, workspace: params.ws, document: query.document });
  return new Response(null, { status: 204 });
});
