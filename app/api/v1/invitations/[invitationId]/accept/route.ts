// POST /api/v1/invitations/:invitationId/accept — join the workspace with the invitation's role
import { apiRoute } from '@/lib/api/handler';
import { invitationParams } from '@/lib/api/params';
import { answerInvitation } from '@/lib/workspaces/invitation-mutations';

export const POST = apiRoute({ params: invitationParams }, async ({ viewer, params }) => ({
  membership: await answerInvitation({ userId: viewer.userId, invitationId: params.invitationId, answer: 'accept' }),
}));
