'use client';
// The invitations by email waiting for the signed-in person, each with Accept and Decline (POST
// /api/v1/invitations/:id/accept|decline); the page refreshes to show the new workspace. An answered
// invitation keeps its row, with what happened, after the refresh drops it from the server's list.
import Link from 'next/link';
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

type Answer = 'accept' | 'decline';

function InvitationRow({
  invitation,
  answered,
  onAnswered,
}: {
  invitation: PendingInvitation;
  answered: Answer | undefined;
  onAnswered: (kind: Answer) => void;
}) {
  const router = useRouter();
  const api = useApiCall();

  async function answer(kind: Answer) {
    const result = await api.run(`/api/v1/invitations/${encodeURIComponent(invitation.id)}/${kind}`, { method: 'POST' });
    if (!result.ok) return;
    onAnswered(kind);
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
      {answered === 'accept' ? (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          You joined {invitation.workspace.name}.{' '}
          <Link href={`/w/${encodeURIComponent(invitation.workspace.slug)}`} className="underline">
            Open it
          </Link>
        </p>
      ) : answered === 'decline' ? (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          Invitation declined.
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

// The rows shown: those shown before, in their order, while the server still lists them or they were
// answered here, then the server's new ones.
function mergeRows(shown: PendingInvitation[], listed: PendingInvitation[], answers: ReadonlyMap<string, Answer>): PendingInvitation[] {
  const listedById = new Map(listed.map((i) => [i.id, i]));
  const kept = shown.flatMap((i) => {
    const current = listedById.get(i.id);
    if (current) return [current];
    return answers.has(i.id) ? [i] : [];
  });
  const keptIds = new Set(kept.map((i) => i.id));
  return [...kept, ...listed.filter((i) => !keptIds.has(i.id))];
}

export function PendingInvitations({ invitations }: { invitations: PendingInvitation[] }) {
  const [answers, setAnswers] = useState<ReadonlyMap<string, Answer>>(new Map());
  const [rows, setRows] = useState(invitations);
  const [listed, setListed] = useState(invitations);
  if (listed !== invitations) {
    // The server's list changed (a refresh): adjust the rows while rendering, as React advises for state
    // derived from props.
    setListed(invitations);
    setRows(mergeRows(rows, invitations, answers));
  }
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" className="mb-10 rounded-lg border border-amber-200 bg-amber-50/60 p-5">
      <h2 id="invitations-heading" className="text-lg font-medium">
        Invitations
      </h2>
      <ul className="divide-y divide-amber-200">
        {rows.map((invitation) => (
          <InvitationRow
            key={invitation.id}
            invitation={invitation}
            answered={answers.get(invitation.id)}
            onAnswered={(kind) => setAnswers((previous) => new Map(previous).set(invitation.id, kind))}
          />
        ))}
      </ul>
    </section>
  );
}
