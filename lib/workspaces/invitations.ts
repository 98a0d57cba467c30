// Invitations by email: an owner names an address and a role; the person with that address accepts or declines,
// from their workspaces page or the emailed link. Here: which invites are pending for whom (pure where-clauses).
// Reads in ./invitation-queries.ts, writes in ./invitation-mutations.ts.
import type { Prisma } from '../generated/prisma/client';

/** How long an invitation by email stays open. */
export const INVITATION_DAYS = 14;

/** An invitation by email to this (normalised) address, still open: not used, declined, revoked nor expired. */
export const pendingInvitationsFor = (email: string, now = new Date()): Prisma.InviteWhereInput => ({
  email,
  uses: 0,
  declinedAt: null,
  revokedAt: null,
  expiresAt: { gt: now },
  workspace: { archivedAt: null },
});

export type InvitationDto = {
  id: string;
  workspace: { slug: string; name: string };
  role: 'owner' | 'reviewer' | 'observer';
  invitedBy: { name: string };
  createdAt: Date;
  expiresAt: Date;
};
