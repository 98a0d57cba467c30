// GET /api/v1/me/notification-settings — {email:"off"|"instant"|"daily", types:{reply:true,…}} (all eight types)
// PATCH /api/v1/me/notification-settings — change the email choice and/or some types' switches; answers the settings
import { apiRoute } from '@/lib/api/handler';
import { updateNotificationSettings } from '@/lib/notifications/mutations';
import { getNotificationSettings } from '@/lib/notifications/queries';
import { settingsInputSchema } from '@/lib/notifications/schemas';

export const GET = apiRoute({}, async ({ viewer }) => getNotificationSettings({ userId: viewer.userId }));

export const PATCH = apiRoute({ body: settingsInputSchema }, async ({ viewer, body }) => updateNotificationSettings({ userId: viewer.userId, input: body }));
