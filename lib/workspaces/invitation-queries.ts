// The invitations waiting for a signed-in person (./invitations.ts). An address counts as theirs when it is verified,
// or, on a server that sends no mail (where no address can be verified), when it is their account's address.
import { db } from '../db';
import { isMailConfigured } from '../env';
import { pendingInvitationsFor, type InvitationDto } from './invitations';

/** The address whose invitations this user may answer, or null (an unverified address on a server that mails). */
export async function invitationAddressOf({ userId }: { userId: string }): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  if (!user) return null;
  return user.emailVerified || !isMailConfigured() ? user.email : null;
}

export async function listMyInvitations({
  userId,
}: {
  userId: string;
}): Promise<{ items: InvitationDto[]; nextCursor: null; needsVerifiedEmail: boolean }> {
  const email = await invitationAddressOf({ userId });
  if (!email) return { items: [], nextCursor: null, needsVerifiedEmail: true };
  const invites = await db.invite.findMany({
    where: { ...pendingInvitationsFor(email), workspace: { archivedAt: null, memberships: { none: { userId } } } },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: {
      id: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      workspace: { select: { slug: true, name: true } },
      createdBy: { select: { name: true } },
    },
  });
  return {
    items: invites.map((i) => ({ id: i.id, workspace: i.workspace, role: i.role, invitedBy: { name: i.createdBy.name }, createdAt: i.createdAt, expiresAt: i.expiresAt })),
    nextCursor: null,
    needsVerifiedEmail: false,
  };
}
