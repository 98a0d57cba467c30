'use client';
// The settings form: a checkbox per notification type and a choice of email (off, at once, daily digest), saved
// with PATCH /api/v1/me/notification-settings.
import { useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, FormSuccess } from '@/app/_components/form-controls';
import { notificationTypes, type EmailFrequency, type NotificationSettingsDto, type NotificationType } from '@/lib/notifications/schemas';

const typeLabels: Record<NotificationType, string> = {
  reply: 'Replies to my annotations and replies',
  mention: 'Mentions of me',
  round: 'A new round on a document I reviewed',
  claim_merged: 'A claim I rated merged into another',
  claim_edited: 'A claim I rated reworded',
  invitation: 'Invitations to a workspace',
  assignment: 'A document assigned to me',
  assignment_due: 'An assignment due within a day',
};

const emailLabels: Record<EmailFrequency, string> = { off: 'No email (in the app only)', instant: 'An email for each notification', daily: 'A daily digest' };

export function NotificationSettingsForm({ initial }: { initial: NotificationSettingsDto }) {
  const api = useApiCall();
  const [settings, setSettings] = useState(initial);
  const [saved, setSaved] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await api.run<NotificationSettingsDto>('/api/v1/me/notification-settings', { method: 'PATCH', body: settings });
    if (result.ok) {
      setSettings(result.data);
      setSaved(true);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} className="mt-6 space-y-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
      <fieldset>
        <legend className="text-lg font-medium">Notify me of</legend>
        <div className="mt-2 space-y-1">
          {notificationTypes.map((type) => (
            <label key={type} className="flex items-center gap-2">
              <input
                type="checkbox"
                name={type}
                checked={settings.types[type]}
                onChange={(e) => setSettings({ ...settings, types: { ...settings.types, [type]: e.target.checked } })}
              />
              {typeLabels[type]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-lg font-medium">Email</legend>
        <div className="mt-2 space-y-1">
          {(Object.keys(emailLabels) as EmailFrequency[]).map((choice) => (
            <label key={choice} className="flex items-center gap-2">
              <input type="radio" name="email" value={choice} checked={settings.email === choice} onChange={() => setSettings({ ...settings, email: choice })} />
              {emailLabels[choice]}
            </label>
          ))}
        </div>
      </fieldset>
      <FormError error={api.error} />
      {saved && <FormSuccess>Saved.</FormSuccess>}
      <button
        type="submit"
        disabled={api.pending}
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        Save
      </button>
    </form>
  );
}
