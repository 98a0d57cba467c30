'use client';
// Owners: revoke an invite link so nobody else can join with it (DELETE).
import { useRouter } from 'next/navigation';
import { useApiCall } from '@/app/_components/api-client';
import { ConfirmAction } from '@/app/_components/confirm-action';
import { FormError } from '@/app/_components/form-controls';

export function RevokeInviteButton({ workspace, inviteId, description }: { workspace: string; inviteId: string; description: string }) {
  const router = useRouter();
  const api = useApiCall();
  return (
    <div className="space-y-2">
      <ConfirmAction
        label="Revoke"
        accessibleLabel={`Revoke the ${description}`}
        question="Revoke this link? Nobody else can join with it."
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        pending={api.pending}
        onConfirm={async () => {
          const result = await api.run(`/api/v1/workspaces/${encodeURIComponent(workspace)}/invites/${encodeURIComponent(inviteId)}`, { method: 'DELETE' });
          if (result.ok) router.refresh();
        }}
      />
      <FormError error={api.error} />
    </div>
  );
}
