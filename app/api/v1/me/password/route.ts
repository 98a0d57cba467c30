// PUT /api/v1/me/password — change my password {currentPassword, newPassword}; every session is revoked, this one
//   too: sign in again with the new password (signed-in session only)
import { apiRoute } from '@/lib/api/handler';
import { changePassword } from '@/lib/auth/account-mutations';
import { changePasswordInputSchema } from '@/lib/auth/account-schemas';
import { AppError } from '@/lib/errors';

export const PUT = apiRoute({ body: changePasswordInputSchema }, async ({ viewer, body }) => {
  if (viewer.via !== 'session') throw new AppError('FORBIDDEN', 'Sign in to change your password; an API token cannot.');
  await changePassword({ userId: viewer.userId, input: body });
  return new Response(null, { status: 204 });
});
