// POST /api/v1/users — sign up with email, name and password (then sign in through /api/auth)
import { apiRoute } from '@/lib/api/handler';
import { signUp } from '@/lib/users/mutations';
import { createUserInputSchema } from '@/lib/users/schemas';

export const POST = apiRoute({ auth: 'none', body: createUserInputSchema }, async ({ body }) => {
  const user = await signUp({ input: body });
  return Response.json({ user }, { status: 201 });
});
