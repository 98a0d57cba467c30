'use client';
// Mails the signed-in person a link that verifies their address (POST /api/v1/me/verification).
import { useApiCall } from '@/app/_components/api-client';
import { FormError, FormSuccess, buttonStyles } from '@/app/_components/form-controls';
import { useState } from 'react';

export function VerifyEmailButton() {
  const api = useApiCall();
  const [sent, setSent] = useState<boolean | null>(null);
  return (
    <div className="mt-2 space-y-2">
      <FormError error={api.error} />
      {sent === true && <FormSuccess>We sent you a link. Open it within 24 hours.</FormSuccess>}
      {sent === false && <p role="alert" className="text-sm text-red-800">The mail could not be sent. Try again later.</p>}
      <button
        type="button"
        className={buttonStyles.secondary}
        disabled={api.pending}
        onClick={() =>
          void api.run<{ emailSent: boolean }>('/api/v1/me/verification', { method: 'POST' }).then((r) => {
            if (r.ok) setSent(r.data.emailSent);
          })
        }
      >
        {api.pending ? 'Sending…' : 'Send verification link'}
      </button>
    </div>
  );
}
