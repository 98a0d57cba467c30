'use client';
// Owners: revoke an invite link so nobody else can join with it (DELETE).
import { ConfirmedApiCall } from '@/app/_components/confirmed-api-call';

export function RevokeInviteButton({ workspace, inviteId, description }: { workspace: string; inviteId: string; description: string }) {
  return (
    <ConfirmedApiCall
      url={`/api/v1/workspaces/${encodeURIComponent(workspace)}/invites/${encodeURIComponent(inviteId)}`}
      method="DELETE"
      label="Revoke"
      accessibleLabel={`Revoke the ${description}`}
      question="Revoke this link? Nobody else can join with it."
      pendingLabel="Revoking…"
    />
  );
}
