// POST /api/v1/notifications/read — mark some ({"ids":[…]}) or all ({"all":true}) of my notifications read:
//   {updated, unread}
import { apiRoute } from '@/lib/api/handler';
import { markRead } from '@/lib/notifications/mutations';
import { readInputSchema } from '@/lib/notifications/schemas';

export const POST = apiRoute({ body: readInputSchema }, async ({ viewer, body }) => markRead({ userId: viewer.userId, input: body }));
