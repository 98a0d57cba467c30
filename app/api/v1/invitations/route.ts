// GET /api/v1/invitations — the invitations by email waiting for me (my address verified, or a server without mail)
import { apiRoute } from '@/lib/api/handler';
import { listMyInvitations } from '@/lib/workspaces/invitation-queries';

// A token limited to one workspace sees no invitations to others (and cannot answer them: they are writes elsewhere).
export const GET = apiRoute({}, async ({ viewer }) =>
  viewer.grant?.workspaceId ? { items: [], nextCursor: null, needsVerifiedEmail: false } : listMyInvitations({ userId: viewer.userId }),
);
