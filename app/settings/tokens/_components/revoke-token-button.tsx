'use client';
// DELETE /api/v1/tokens/:id after confirming: programs using the token stop working at once.
import { useRouter } from 'next/navigation';
import { useApiCall } from '@/app/_components/api-client';
import { ConfirmAction } from '@/app/_components/confirm-action';
import { FormError } from '@/app/_components/form-controls';

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const api = useApiCall();
  return (
    <div className="space-y-2">
      <ConfirmAction
        label="Revoke"
        accessibleLabel={`Revoke token ${name}`}
        question="Revoke it? Programs using it stop working."
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        pending={api.pending}
        onConfirm={async () => {
          const result = await api.run(`/api/v1/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' });
          if (result.ok) router.refresh();
        }}
      />
      <FormError error={api.error} />
    </div>
  );
}
