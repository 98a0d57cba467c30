// DELETE /api/v1/workspaces/:ws/invites/:inviteId — revoke an invite link (owners)
import { apiRoute } from '@/lib/api/handler';
import { inviteParams } from '@/lib/api/params';
import { revokeInvite } from '@/lib/workspaces/mutations';

export const DELETE = apiRoute({ params: inviteParams }, async ({ viewer, params }) => {
  await revokeInvite({ userId: viewer.userId, workspace: params.ws, inviteId: params.inviteId });
  return new Response(null, { status: 204 });
});
