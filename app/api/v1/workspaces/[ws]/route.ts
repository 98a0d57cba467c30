// GET /api/v1/workspaces/:ws — a workspace I may read, with my role (null: reader of a public workspace)
// PATCH /api/v1/workspaces/:ws — rename it or change its visibility (owners)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { updateWorkspace } from '@/lib/workspaces/mutations';
import { getWorkspaceAccess } from '@/lib/workspaces/queries';
import { updateWorkspaceInputSchema } from '@/lib/workspaces/schemas';

export const GET = apiRoute({ auth: 'optional', params: workspaceParams }, async ({ viewer, params }) => {
  const access = await getWorkspaceAccess({ userId: viewer?.userId ?? null, workspace: params.ws });
  return { workspace: { ...access.workspace, role: access.role } };
});

export const PATCH = apiRoute({ params: workspaceParams, body: updateWorkspaceInputSchema }, async ({ viewer, params, body }) => ({
  workspace: await updateWorkspace({ userId: viewer.userId, workspace: params.ws, input: body }),
}));
