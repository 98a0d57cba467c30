// DELETE /api/v1/tokens/:tokenId — revoke one of my API tokens
import { apiRoute } from '@/lib/api/handler';
import { tokenParams } from '@/lib/api/params';
import { revokeApiToken } from '@/lib/auth/api-token-mutations';

export const DELETE = apiRoute({ params: tokenParams }, async ({ viewer, params }) => {
  await revokeApiToken({ userId: viewer.userId, tokenId: params.tokenId });
  return new Response(null, { status: 204 });
});
