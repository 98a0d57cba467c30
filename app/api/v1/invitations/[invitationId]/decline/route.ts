// POST /api/v1/invitations/:invitationId/decline — decline the invitation (its owners see it declined)
import { apiRoute } from '@/lib/api/handler';
import { invitationParams } from '@/lib/api/params';
import { answerInvitation } from '@/lib/workspaces/invitation-mutations';

export const POST = apiRoute({ params: invitationParams }, async ({ viewer, params }) => {
  await answerInvitation({ userId: viewer.userId, invitationId: params.invitationId, answer: 'decline' });
  return new Response(null, { status: 204 });
});
