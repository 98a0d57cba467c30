// POST /api/v1/users — sign up with email, name and password; limited per address (LIMITS.signUp: 429 with
//   Retry-After past it). Without mail configured: 201 {user}, then sign in through /api/auth. With mail configured:
//   202 {status:"check_email", message} for every address, whether or not it has an account
//   (lib/auth/sign-up-mutations.ts); the emailed link creates the account.
import { apiRoute } from '@/lib/api/handler';
import { limitSignUp } from '@/lib/auth/rate-limit-mutations';
import { registerAccount } from '@/lib/auth/sign-up-mutations';
import { clientAddressOf } from '@/lib/server/client-address';
import { newUserSchema } from '@/lib/users/password-policy';
import { json } from '@/lib/api/json';

export const POST = apiRoute({ auth: 'none', body: newUserSchema }, async ({ body, request }) => {
  await limitSignUp(clientAddressOf(request.headers));
  const outcome = await registerAccount({ input: body });
  if (outcome.kind === 'check_email') return json({ status: 'check_email', message: outcome.message }, { status: 202 });
  return json({ user: outcome.user }, { status: 201 });
});
