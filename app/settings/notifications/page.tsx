// My notification settings: which events make a notification at all, and whether they are also mailed (at once,
// or as a daily digest). Without SMTP on this server nothing is mailed, and the page says so.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NotificationSettingsForm } from './_components/notification-settings-form';
import { getSessionUser } from '@/lib/auth/viewer';
import { isMailConfigured } from '@/lib/env';
import { getNotificationSettings } from '@/lib/notifications/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notification settings' };

export default async function NotificationSettingsPage() {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in?callbackUrl=%2Fsettings%2Fnotifications');
  const settings = await getNotificationSettings({ userId: user.id });
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Notification settings</h1>
      {!isMailConfigured() && (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="mail-not-configured">
          This server sends no mail (SMTP is not configured): notifications stay in your inbox whatever you choose for email.
        </p>
      )}
      <NotificationSettingsForm initial={settings} />
    </div>
  );
}
