'use client';
// Sign out everywhere (DELETE /api/v1/me/sessions): every session cookie stops working, this one too; then home.
import { useApiCall } from '@/app/_components/api-client';
import { ConfirmAction } from '@/app/_components/confirm-action';
import { FormError } from '@/app/_components/form-controls';

export function SignOutEverywhereButton() {
  const api = useApiCall();
  return (
    <div className="space-y-2">
      <ConfirmAction
        label="Sign out everywhere"
        accessibleLabel="Sign out everywhere"
        question="Sign out of every browser, this one too?"
        confirmLabel="Yes, sign out everywhere"
        pendingLabel="Signing out…"
        pending={api.pending}
        onConfirm={async () => {
          const result = await api.run('/api/v1/me/sessions', { method: 'DELETE' });
          if (result.ok) window.location.assign('/sign-in');
        }}
      />
      <FormError error={api.error} />
    </div>
  );
}
