// GET /api/v1/invites/:token — which workspace and role an invite link offers, and whether it still works
// POST /api/v1/invites/:token — join the workspace through the link
import { apiRoute } from '@/lib/api/handler';
import { inviteTokenParams } from '@/lib/api/params';
import { acceptInvite } from '@/lib/workspaces/mutations';
import { getInvitePreview } from '@/lib/workspaces/queries';

export const GET = apiRoute({ auth: 'none', params: inviteTokenParams }, async ({ params }) => ({
  invite: await getInvitePreview({ token: params.token }),
}));

export const POST = apiRoute({ params: inviteTokenParams }, async ({ viewer, params }) => ({
  membership: await acceptInvite({ userId: viewer.userId, token: params.token }),
}));
