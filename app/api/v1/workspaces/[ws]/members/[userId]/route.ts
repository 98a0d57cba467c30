// PATCH /api/v1/workspaces/:ws/members/:userId — change a member's role (owners; never the last owner)
// DELETE /api/v1/workspaces/:ws/members/:userId — remove a member (owners), or leave (yourself)
import { apiRoute } from '@/lib/api/handler';
import { memberParams } from '@/lib/api/params';
import { changeMemberRole, removeMember } from '@/lib/workspaces/mutations';
import { changeRoleInputSchema } from '@/lib/workspaces/schemas';

export const PATCH = apiRoute({ workspace: 'changeRoles', params: memberParams, body: changeRoleInputSchema }, async ({ ctx, params, body }) => {
  await changeMemberRole({ ctx, memberId: params.userId, role: body.role });
  return { member: { userId: params.userId, role: body.role } };
});

// 'read': whether this is removing someone ('removeMembers') or leaving ('leave') depends on who is named
export const DELETE = apiRoute({ workspace: 'read', params: memberParams }, async ({ ctx, params }) => {
  await removeMember({ ctx, memberId: params.userId });
  return new Response(null, { status: 204 });
});
