// An invite link: which workspace and role it offers, or why it no longer works; sign in (or sign up) and join.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { JoinButton } from './_components/join-button';
import { buttonStyles } from '@/app/_components/form-controls';
import { roleDescriptions, roleLabels } from '@/app/_components/format';
import { getSessionUser } from '@/lib/auth/viewer';
import { userActor } from '@/lib/context/context';
import { loadWorkspaceContext } from '@/lib/context/queries';
import { AppError } from '@/lib/errors';
import { getInvitePreview, type InvitePreview } from '@/lib/workspaces/queries';

export const dynamic = 'force-dynamic';
// The token is a secret: keep the page out of search engines and out of other sites' referrers.
export const metadata: Metadata = { title: 'Invitation', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { params: Promise<{ token: string }> };

const problems: Record<Exclude<InvitePreview['status'], 'active'>, { title: string; text: string }> = {
  expired: { title: 'This invite has expired', text: 'Ask an owner of the workspace for a new invite link.' },
  revoked: { title: 'This invite has been revoked', text: 'Ask an owner of the workspace for a new invite link.' },
  used_up: { title: 'This invite has already been used', text: 'Each use of this link has been taken. Ask an owner of the workspace for a new invite link.' },
  declined: { title: 'This invitation was declined', text: 'Ask an owner of the workspace to invite you again.' },
};

async function loadInvite(token: string): Promise<InvitePreview> {
  try {
    return await getInvitePreview({ token });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

/** The viewer's role in the workspace, or null when they are not a member (or cannot see it). */
async function currentRole(userId: string, workspace: string) {
  try {
    return (await loadWorkspaceContext({ actor: userActor(userId), workspace })).role;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-lg px-4 py-10 sm:py-16">
      <div className="rounded-lg border border-stone-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <div className="mt-3 text-stone-700">{children}</div>
      </div>
    </div>
  );
}

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const invite = await loadInvite(token);
  const user = await getSessionUser();
  const role = user ? await currentRole(user.id, invite.workspace.slug) : null;
  const here = `/invites/${encodeURIComponent(token)}`;

  if (role) {
    return (
      <Card title={`You are already a member of ${invite.workspace.name}`}>
        <p>You are {role === 'reviewer' ? 'a' : 'an'} {roleLabels[role].toLowerCase()} there.</p>
        <Link href={`/w/${invite.workspace.slug}`} className={`mt-6 ${buttonStyles.primary}`}>
          Open {invite.workspace.name}
        </Link>
      </Card>
    );
  }

  if (invite.status !== 'active') {
    const problem = problems[invite.status];
    return (
      <Card title={problem.title}>
        <p>
          The link was for <strong className="font-semibold">{invite.workspace.name}</strong>. {problem.text}
        </p>
      </Card>
    );
  }

  return (
    <Card title={`Join ${invite.workspace.name}`}>
      <p>
        You are invited to join <strong className="font-semibold">{invite.workspace.name}</strong> as{' '}
        {invite.role === 'owner' ? 'an' : 'a'} <strong className="font-semibold">{roleLabels[invite.role].toLowerCase()}</strong> (
        {roleDescriptions[invite.role]}).
      </p>
      {user ? (
        <div className="mt-6">
          <p className="mb-3 text-sm text-stone-600">Signed in as {user.name} ({user.email}).</p>
          <JoinButton token={token} workspaceName={invite.workspace.name} />
        </div>
      ) : (
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className={buttonStyles.primary}>
            Sign in to join
          </Link>
          <Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}`} className={buttonStyles.secondary}>
            Create an account
          </Link>
        </div>
      )}
    </Card>
  );
}
