// DELETE /api/v1/workspaces/:ws/invites/:inviteId — revoke an invite link (owners)
import { apiRoute } from '@/lib/api/handler';
import { inviteParams } from '@/lib/api/params';
import { revokeInvite } from '@/lib/workspaces/mutations';

export const DELETE = apiRoute({ workspace: 'revokeInvites', params: inviteParams }, async ({ ctx, params }) => {
  await revokeInvite({ ctx, inviteId: params.inviteId });
  return new Response(null, { status: 204 });
});
