// GET /api/v1/workspaces — the workspaces I belong to, with my role
// POST /api/v1/workspaces — create a workspace; I become its owner
import { apiRoute } from '@/lib/api/handler';
import { userActor } from '@/lib/context/context';
import { createWorkspace } from '@/lib/workspaces/mutations';
import { listMyWorkspaces } from '@/lib/workspaces/queries';
import { createWorkspaceInputSchema } from '@/lib/workspaces/schemas';

export const GET = apiRoute({}, async ({ viewer }) => listMyWorkspaces({ userId: viewer.userId }));

export const POST = apiRoute({ body: createWorkspaceInputSchema }, async ({ viewer, body }) => {
  const workspace = await createWorkspace({ actor: userActor(viewer.userId, viewer.via), input: body });
  return Response.json({ workspace: { ...workspace, role: 'owner' } }, { status: 201 });
});
