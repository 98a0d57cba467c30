'use client';
// Change the password (PUT /api/v1/me/password): every session is revoked, this one too, so the form signs in
// again with the new password and stays on the page.
import { useState, type FormEvent } from 'react';
import { signInWithCredentials } from '@/app/(auth)/_components/credentials-sign-in';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, FormSuccess, TextField, buttonStyles, fieldErrors } from '@/app/_components/form-controls';

export function ChangePasswordForm({ email }: { email: string }) {
  const api = useApiCall();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const result = await api.run('/api/v1/me/password', { method: 'PUT', body: { currentPassword, newPassword } });
    if (!result.ok) return;
    const signedIn = await signInWithCredentials({ email, password: newPassword, callbackUrl: '/settings/account' });
    setCurrentPassword('');
    setNewPassword('');
    if (!signedIn.ok) {
      window.location.assign('/sign-in?callbackUrl=%2Fsettings%2Faccount');
      return;
    }
    setDone('Password changed. Every other session is signed out.');
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
      <FormError error={api.error} shownFields={['currentPassword', 'newPassword']} />
      {done && <FormSuccess>{done}</FormSuccess>}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        id="current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        errors={fieldErrors(api.error, 'currentPassword')}
      />
      <TextField
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        errors={fieldErrors(api.error, 'newPassword')}
      />
      <button type="submit" className={buttonStyles.primary} disabled={api.pending}>
        {api.pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
