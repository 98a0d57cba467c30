// GET /api/v1/notifications/stream — my unread count as Server-Sent Events (`event: unread`, data {unread}), at
//   once and on every new notification of mine
import { apiRoute } from '@/lib/api/handler';
import { openNotificationStream } from '@/lib/realtime/notification-stream';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = apiRoute({}, async ({ request, viewer }) => openNotificationStream({ userId: viewer.userId, signal: request.signal }));
