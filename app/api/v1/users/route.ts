// POST /api/v1/users — sign up with email, name and password (then sign in through /api/auth); limited per address
// (LIMITS.signUp: 429 with Retry-After past it)
import { apiRoute } from '@/lib/api/handler';
import { limitSignUp } from '@/lib/auth/rate-limit-mutations';
import { clientAddressOf } from '@/lib/server/client-address';
import { signUp } from '@/lib/users/mutations';
import { createUserInputSchema } from '@/lib/users/schemas';

export const POST = apiRoute({ auth: 'none', body: createUserInputSchema }, async ({ body, request }) => {
  await limitSignUp(clientAddressOf(request.headers));
  const user = await signUp({ input: body });
  return Response.json({ user }, { status: 201 });
});
