// POST /api/v1/users — sign up with email, name and password (then sign in through /api/auth)
import { apiRoute } from '@/lib/api/handler';
import { signUp } from '@/lib/users/mutations';
import { newUserSchema } from '@/lib/users/password-policy';

export const POST = apiRoute({ auth: 'none', body: newUserSchema }, async ({ body }) => {
  const user = await signUp({ input: body });
  return Response.json({ user }, { status: 201 });
});
