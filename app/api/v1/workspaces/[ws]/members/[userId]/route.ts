// PATCH /api/v1/workspaces/:ws/members/:userId — change a member's role (owners; never the last owner)
// DELETE /api/v1/workspaces/:ws/members/:userId — remove a member (owners), or leave (yourself)
import { apiRoute } from '@/lib/api/handler';
import { memberParams } from '@/lib/api/params';
import { changeMemberRole, removeMember } from '@/lib/workspaces/mutations';
import { changeRoleInputSchema } from '@/lib/workspaces/schemas';

export const PATCH = apiRoute({ params: memberParams, body: changeRoleInputSchema }, async ({ viewer, params, body }) => {
  await changeMemberRole({ userId: viewer.userId, workspace: params.ws, memberId: params.userId, input: body });
  return { member: { userId: params.userId, role: body.role } };
});

export const DELETE = apiRoute({ params: memberParams }, async ({ viewer, params }) => {
  await removeMember({ userId: viewer.userId, workspace: params.ws, memberId: params.userId });
  return new Response(null, { status: 204 });
});
