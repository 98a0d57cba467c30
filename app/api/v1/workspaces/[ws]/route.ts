// GET /api/v1/workspaces/:ws — a workspace I may read, with my role (null: reader of a public workspace)
// PATCH /api/v1/workspaces/:ws — rename it or change its visibility (owners)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { updateWorkspace } from '@/lib/workspaces/mutations';
import { updateWorkspaceInputSchema } from '@/lib/workspaces/schemas';

// the context is the answer: the wrapper has looked the workspace and the role up
export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: workspaceParams }, ({ ctx }) =>
  Promise.resolve({ workspace: { ...ctx.workspace, role: ctx.role } }),
);

export const PATCH = apiRoute({ workspace: 'changeSettings', params: workspaceParams, body: updateWorkspaceInputSchema }, async ({ ctx, body }) => ({
  workspace: await updateWorkspace({ ctx, input: body }),
}));
