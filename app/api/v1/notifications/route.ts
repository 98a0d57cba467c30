// GET /api/v1/notifications?unread=&cursor= — my notifications, newest first, from workspaces I may read now:
//   {items:[{id,type,workspace:{slug,name},document:{slug,title}|null,annotationId,actor:{id,name}|null,createdAt,readAt}],nextCursor,unread}
import { apiRoute } from '@/lib/api/handler';
import { listNotifications } from '@/lib/notifications/queries';
import { listQuerySchema } from '@/lib/notifications/schemas';

export const GET = apiRoute({ query: listQuerySchema }, async ({ viewer, query }) => {
  const page = await listNotifications({ userId: viewer.userId, unread: query.unread, cursor: query.cursor });
  return { items: page.items.map(({ href: _href, ...item }) => item), nextCursor: page.nextCursor, unread: page.unread };
});
