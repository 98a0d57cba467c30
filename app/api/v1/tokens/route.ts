// GET /api/v1/tokens — my API tokens (never their secret)
// POST /api/v1/tokens — create a token {name, expiresInDays?}; the token itself is in this response only
import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { createApiToken } from '@/lib/auth/api-token-mutations';
import { listApiTokens } from '@/lib/auth/api-token-queries';
import { createTokenInputSchema } from '@/lib/auth/api-tokens';
import { json } from '@/lib/api/json';

export const GET = apiRoute({}, async ({ viewer }) => ({ items: await listApiTokens({ userId: viewer.userId }), nextCursor: null }));

export const POST = apiRoute({ body: createTokenInputSchema }, async ({ viewer, body }) => {
  // A leaked token must not be able to mint more: creating tokens needs a signed-in session.
  if (viewer.via !== 'session') throw new AppError('FORBIDDEN', 'Sign in to create API tokens; a token cannot create another.');
  const created = await createApiToken({ userId: viewer.userId, input: body });
  return json(created, { status: 201 });
});
