// GET /api/v1/workspaces/:ws/invites — invites and their status (owners)
// POST /api/v1/workspaces/:ws/invites — an invite link {kind:"link",role,maxUses,expiresInDays} (the token is
//   shown once) or direct membership for an existing account {kind:"email",role,email} (owners)
import { apiRoute } from '@/lib/api/handler';
import { env } from '@/lib/env';
import { workspaceParams } from '@/lib/api/params';
import { createInvite } from '@/lib/workspaces/mutations';
import { listInvites } from '@/lib/workspaces/queries';
import { createInviteInputSchema } from '@/lib/workspaces/schemas';
import { json } from '@/lib/api/json';

export const GET = apiRoute({ workspace: 'listInvites', params: workspaceParams }, async ({ ctx }) => listInvites({ ctx }));

export const POST = apiRoute({ workspace: 'invite', params: workspaceParams, body: createInviteInputSchema }, async ({ request, ctx, body }) => {
  const created = await createInvite({ ctx, input: body });
  if (created.kind === 'email') return json(created, { status: 201 });
  // The public URL when configured: behind a proxy, request.url is the internal address.
  const url = new URL(`/invites/${created.token}`, env.NEXTAUTH_URL ?? request.url).toString();
  return json({ ...created, url }, { status: 201 });
});
