'use client';
// DELETE /api/v1/tokens/:id after confirming: programs using the token stop working at once.
import { ConfirmedApiCall } from '@/app/_components/confirmed-api-call';

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  return (
    <ConfirmedApiCall
      url={`/api/v1/tokens/${encodeURIComponent(tokenId)}`}
      method="DELETE"
      label="Revoke"
      accessibleLabel={`Revoke token ${name}`}
      question="Revoke it? Programs using it stop working."
      pendingLabel="Revoking…"
    />
  );
}
