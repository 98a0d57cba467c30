// GET /api/v1/workspaces/:ws/presence?document= — who is reading the document now (members)
// PUT /api/v1/workspaces/:ws/presence — heartbeat {document, passageId?}: I am reading it, looking at that passage
// DELETE /api/v1/workspaces/:ws/presence?document= — I left (a closing tab sends it)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { heartbeatPresence, leavePresence } from '@/lib/realtime/presence-mutations';
import { listPresence } from '@/lib/realtime/presence-queries';
import { presenceInputSchema, presenceQuerySchema } from '@/lib/realtime/schemas';

export const dynamic = 'force-dynamic';

// the document is named in the query or body: a workspace the viewer may not read makes it "not found"
const spec = { workspace: 'seePresence', notFound: 'Document not found.', params: workspaceParams } as const;

export const GET = apiRoute({ ...spec, query: presenceQuerySchema }, async ({ ctx, query }) => listPresence({ ctx, document: query.document }));

export const PUT = apiRoute({ ...spec, body: presenceInputSchema }, async ({ ctx, body }) => ({
  items: await heartbeatPresence({ ctx, input: body }),
}));

export const DELETE = apiRoute({ ...spec, query: presenceQuerySchema }, async ({ ctx, query }) => {
  await leavePresence({ ctx, document: query.document });
  return new Response(null, { status: 204 });
});
