// Invitations by email (./invitations.ts): an owner invites an address — the same answer whether or not an account
// uses it, so owners cannot probe for accounts — and the person accepts (becoming a member with the role, owners
// included: nobody becomes an owner of a workspace they did not accept) or declines. Mailed when mail is configured.
import { randomBytes } from 'node:crypto';
import { authorize, requireUserId, type WorkspaceContext } from '../context/context';
import { db } from '../db';
import { publicUrl } from '../env';
import { AppError } from '../errors';
import type { Role } from '../generated/prisma/client';
import { notify } from '../notifications/mutations';
import { Journal } from '../journal/journal';
import { invitationMessage } from '../mail/messages';
import { sendMail } from '../mail/mailer';
import { invitationAddressOf } from './invitation-queries';
import { INVITATION_DAYS, pendingInvitationsFor } from './invitations';
import { membershipChanged } from './membership-events';
import { hashInviteToken, inviteStatus, type InviteDto } from './queries';

const inviteSelect = { id: true, role: true, email: true, maxUses: true, uses: true, expiresAt: true, revokedAt: true, declinedAt: true, createdAt: true } as const;

/**
 * Invites an address to the workspace with a role. An earlier open invitation of the same address is replaced. The
 * answer says nothing about whether the address has an account: only a member's address is refused (409), and owners
 * see their members' addresses anyway. `emailSent`: whether mail went out (false when mail is not configured).
 */
export async function inviteByEmail({
  ctx,
  email,
  role,
}: {
  ctx: WorkspaceContext;
  email: string;
  role: Role;
}): Promise<{ kind: 'email'; invitation: InviteDto; emailSent: boolean }> {
  authorize(ctx, 'invite');
  const createdById = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  const token = randomBytes(24).toString('base64url');
  const { invite, inviterName } = await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { workspaceId, user: { email } }, select: { id: true } });
    if (member) throw new AppError('CONFLICT', 'This person is already a member.', { fields: { email: ['is already a member'] } });
    const now = new Date();
    await tx.invite.updateMany({ where: { workspaceId, ...pendingInvitationsFor(email, now) }, data: { revokedAt: now } });
    const created = await tx.invite.create({
      data: {
        workspaceId,
        role,
        email,
        tokenHash: hashInviteToken(token),
        maxUses: 1,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
        createdById,
      },
      select: { ...inviteSelect, createdBy: { select: { name: true } } },
    });
    await new Journal(tx).audit(workspaceId, ctx.userId, 'invite.created', created.id, { role, email }).flush();
    // the invitee, if the address has an account (the owner's answer is the same either way)
    const invitee = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (invitee) await notify(tx, { workspaceId, type: 'invitation', actorId: ctx.userId, subjectId: created.id, candidates: [invitee.id], toNonMembers: true });
    return { invite: created, inviterName: created.createdBy.name };
  });
  // After the commit: the invitation stands (listed for the person) whether or not the mail goes out.
  const emailSent = await sendMail(
    invitationMessage({ to: email, workspaceName: ctx.workspace.name, inviterName, role, url: publicUrl(`/invites/${token}`), expiresAt: invite.expiresAt }),
  );
  const dto: InviteDto = {
    id: invite.id,
    role: invite.role,
    email: invite.email,
    maxUses: invite.maxUses,
    uses: invite.uses,
    expiresAt: invite.expiresAt,
    revokedAt: invite.revokedAt,
    createdAt: invite.createdAt,
    status: inviteStatus(invite),
  };
  return { kind: 'email', invitation: dto, emailSent };
}

export type InvitationAnswer = 'accept' | 'decline';

/**
 * The person answers an invitation addressed to them (by id, from their workspaces page). Accepting makes them a
 * member with the invitation's role (someone already a member keeps their role); declining closes it. An invitation
 * that is not theirs, or no longer open, is not found.
 */
export async function answerInvitation({
  userId,
  invitationId,
  answer,
}: {
  userId: string;
  invitationId: string;
  answer: InvitationAnswer;
}): Promise<{ workspace: { slug: string; name: string }; role: Role } | null> {
  const email = await invitationAddressOf({ userId });
  if (!email) throw new AppError('FORBIDDEN', 'Confirm your email address first: invitations are for confirmed addresses.');
  return db.$transaction(async (tx) => {
    const now = new Date();
    const invite = await tx.invite.findFirst({
      where: { id: invitationId, ...pendingInvitationsFor(email, now) },
      select: { id: true, workspaceId: true, role: true, workspace: { select: { slug: true, name: true } } },
    });
    if (!invite) throw new AppError('NOT_FOUND', 'Invitation not found.');
    if (answer === 'decline') {
      const declined = await tx.invite.updateMany({ where: { id: invite.id, uses: 0, declinedAt: null }, data: { declinedAt: now } });
      if (declined.count === 0) throw new AppError('NOT_FOUND', 'Invitation not found.');
      await new Journal(tx).audit(invite.workspaceId, userId, 'invite.declined', invite.id).flush();
      return null;
    }
    return joinThrough(tx, invite, userId, 'invitation');
  });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Uses the invite (once, if still open) and makes the user a member with its role; a member keeps their role. */
export async function joinThrough(
  tx: Tx,
  invite: { id: string; workspaceId: string; role: Role; workspace: { slug: string; name: string } },
  userId: string,
  via: 'invite' | 'invitation',
): Promise<{ workspace: { slug: string; name: string }; role: Role }> {
  const workspace = { slug: invite.workspace.slug, name: invite.workspace.name };
  const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } }, select: { role: true } });
  if (existing && via === 'invite') return { workspace, role: existing.role };
  // Count the use only if it is still available (a concurrent join may have taken the last one).
  const claimed = await tx.$executeRaw`
    UPDATE "Invite" SET "uses" = "uses" + 1
    WHERE "id" = ${invite.id} AND "revokedAt" IS NULL AND "declinedAt" IS NULL AND "expiresAt" > NOW()
      AND ("maxUses" IS NULL OR "uses" < "maxUses")`;
  if (claimed === 0) throw new AppError('BAD_REQUEST', 'This invite has already been used. Ask an owner of the workspace for a new one.');
  const journal = new Journal(tx).audit(invite.workspaceId, userId, 'invite.accepted', invite.id);
  if (existing) {
    await journal.flush();
    return { workspace, role: existing.role };
  }
  await tx.membership.create({ data: { workspaceId: invite.workspaceId, userId, role: invite.role } });
  journal.audit(invite.workspaceId, userId, 'membership.added', userId, { role: invite.role, via });
  await membershipChanged(journal, invite.workspaceId, userId, 'create').flush();
  return { workspace, role: invite.role };
}
