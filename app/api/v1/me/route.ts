// GET /api/v1/me — the signed-in user (session or token)
import { apiRoute } from '@/lib/api/handler';
import { getUserProfile } from '@/lib/users/queries';

export const GET = apiRoute({}, async ({ viewer }) => ({ user: await getUserProfile({ userId: viewer.userId }) }));
