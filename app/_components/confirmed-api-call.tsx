'use client';
// A button that asks for confirmation, then calls the API and refreshes the page; the API's error shows below.
import { useRouter } from 'next/navigation';
import { useApiCall } from './api-client';
import { ConfirmAction } from './confirm-action';
import { FormError } from './form-controls';

export function ConfirmedApiCall({
  url,
  method,
  label,
  accessibleLabel,
  question,
  pendingLabel,
}: {
  url: string;
  method: 'DELETE' | 'POST' | 'PATCH';
  label: string;
  accessibleLabel: string;
  question: string;
  pendingLabel: string;
}) {
  const router = useRouter();
  const api = useApiCall();
  return (
    <div className="space-y-2">
      <ConfirmAction
        label={label}
        accessibleLabel={accessibleLabel}
        question={question}
        confirmLabel={label}
        pendingLabel={pendingLabel}
        pending={api.pending}
        onConfirm={async () => {
          const result = await api.run(url, { method });
          if (result.ok) router.refresh();
        }}
      />
      <FormError error={api.error} />
    </div>
  );
}
