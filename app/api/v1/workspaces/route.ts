// GET /api/v1/workspaces — the workspaces I belong to, with my role
// POST /api/v1/workspaces — create a workspace; I become its owner
import { apiRoute } from '@/lib/api/handler';
import { userActor } from '@/lib/context/context';
import { createWorkspace } from '@/lib/workspaces/mutations';
import { listMyWorkspaces } from '@/lib/workspaces/queries';
import { createWorkspaceInputSchema } from '@/lib/workspaces/schemas';
import { json } from '@/lib/api/json';

export const GET = apiRoute({}, async ({ viewer }) => {
  const mine = await listMyWorkspaces({ userId: viewer.userId });
  // A token limited to one workspace sees only that one.
  const limit = viewer.grant?.workspaceId;
  return limit ? { ...mine, items: mine.items.filter((w) => w.id === limit) } : mine;
});

export const POST = apiRoute({ body: createWorkspaceInputSchema }, async ({ viewer, body }) => {
  const workspace = await createWorkspace({ actor: userActor(viewer.userId, viewer.via, viewer.grant), input: body });
  return json({ workspace: { ...workspace, role: 'owner' } }, { status: 201 });
});
