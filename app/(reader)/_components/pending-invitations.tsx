'use client';
// The invitations by email waiting for the signed-in person, each with Accept and Decline (POST
// /api/v1/invitations/:id/accept|decline); the page refreshes to show the new workspace.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles } from '@/app/_components/form-controls';
import { formatDate, isoString, roleLabels } from '@/app/_components/format';

export type PendingInvitation = {
  id: string;
  workspace: { slug: string; name: string };
  role: 'owner' | 'reviewer' | 'observer';
  invitedBy: { name: string };
  expiresAt: string;
};

function InvitationRow({ invitation }: { invitation: PendingInvitation }) {
  const router = useRouter();
  const api = useApiCall();
  const [answered, setAnswered] = useState<string | null>(null);

  async function answer(kind: 'accept' | 'decline') {
    const result = await api.run(`/api/v1/invitations/${encodeURIComponent(invitation.id)}/${kind}`, { method: 'POST' });
    if (!result.ok) return;
    setAnswered(kind === 'accept' ? `You joined ${invitation.workspace.name}.` : 'Invitation declined.');
    router.refresh();
  }

  const role = roleLabels[invitation.role].toLowerCase();
  return (
    <li className="py-3">
      <p>
        <strong className="font-semibold">{invitation.invitedBy.name}</strong> invites you to{' '}
        <strong className="font-semibold">{invitation.workspace.name}</strong> as {invitation.role === 'reviewer' ? 'a' : 'an'} {role}.
      </p>
      <p className="text-sm text-stone-600">
        Open until <time dateTime={isoString(invitation.expiresAt)}>{formatDate(invitation.expiresAt)}</time>.
      </p>
      <FormError error={api.error} />
      {answered ? (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          {answered}
        </p>
      ) : (
        <div className="mt-2 flex gap-2">
          <button
            type="button"
            className={buttonStyles.primary}
            disabled={api.pending}
            aria-label={`Accept the invitation to ${invitation.workspace.name}`}
            onClick={() => void answer('accept')}
          >
            Accept
          </button>
          <button
            type="button"
            className={buttonStyles.secondary}
            disabled={api.pending}
            aria-label={`Decline the invitation to ${invitation.workspace.name}`}
            onClick={() => void answer('decline')}
          >
            Decline
          </button>
        </div>
      )}
    </li>
  );
}

export function PendingInvitations({ invitations }: { invitations: PendingInvitation[] }) {
  return (
    <section aria-labelledby="invitations-heading" className="mb-10 rounded-lg border border-amber-200 bg-amber-50/60 p-5">
      <h2 id="invitations-heading" className="text-lg font-medium">
        Invitations
      </h2>
      <ul className="divide-y divide-amber-200">
        {invitations.map((invitation) => (
          <InvitationRow key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </section>
  );
}
