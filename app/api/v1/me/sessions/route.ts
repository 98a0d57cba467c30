// DELETE /api/v1/me/sessions — sign out everywhere: every session cookie of mine stops working, this one too
//   (signed-in session only; API tokens are not sessions and stay until revoked)
import { apiRoute } from '@/lib/api/handler';
import { signOutEverywhere } from '@/lib/auth/account-mutations';
import { AppError } from '@/lib/errors';

export const DELETE = apiRoute({}, async ({ viewer }) => {
  if (viewer.via !== 'session') throw new AppError('FORBIDDEN', 'Sign in to sign out everywhere; an API token cannot.');
  await signOutEverywhere({ userId: viewer.userId });
  return new Response(null, { status: 204 });
});
