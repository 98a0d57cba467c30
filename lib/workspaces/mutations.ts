// Writes to workspaces, memberships and invites. Every change to who belongs is audited (the actor: the context's
// user, null for the operator), and a workspace always keeps at least one owner. Writes inside a workspace take the
// request context (lib/context) and check its permission first.
import { randomBytes } from 'node:crypto';
import { Journal } from '../journal/journal';
import { actorUserId, authorize, requireUserId, type Actor, type WorkspaceContext, type WorkspaceRef } from '../context/context';
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma, Role } from '../generated/prisma/client';
import { inviteByEmail, joinThrough } from './invitation-mutations';
import { membershipChanged } from './membership-events';
import { hashInviteToken, inviteStatus, type InviteDto } from './queries';
import {
  changeRoleInputSchema,
  createInviteInputSchema,
  createWorkspaceInputSchema,
  updateWorkspaceInputSchema,
  type CreateInviteInput,
} from './schemas';
import type { z } from 'zod';

type Tx = Prisma.TransactionClient;

/**
 * Creates the workspace if its slug is free; returns it either way (seeding and operators, who then act in it
 * with an operator context: `workspaceContext(operatorActor, workspace, null)`).
 */
export async function ensureWorkspace({
  slug,
  name,
  visibility = 'private',
}: {
  slug: string;
  name: string;
  visibility?: 'private' | 'public';
}): Promise<{ workspace: WorkspaceRef; created: boolean }> {
  const select = { id: true, slug: true, name: true, visibility: true } as const;
  const existing = await db.workspace.findUnique({ where: { slug }, select });
  if (existing) return { workspace: existing, created: false };
  return { workspace: await db.workspace.create({ data: { slug, name, visibility }, select }), created: true };
}

/**
 * Creates a workspace (there is no workspace context yet, so it takes the actor). A signed-in user becomes its
 * owner; the operator names the owner with `ownerId`.
 */
export async function createWorkspace({
  actor,
  ownerId = actorUserId(actor),
  input,
}: {
  actor: Actor;
  ownerId?: string | null;
  input: z.input<typeof createWorkspaceInputSchema>;
}): Promise<{ id: string; slug: string; name: string }> {
  const data = createWorkspaceInputSchema.parse(input);
  if (!ownerId) throw new AppError('BAD_REQUEST', 'A workspace needs an owner.');
  const actorId = actorUserId(actor);
  return db.$transaction(async (tx) => {
    const taken = await tx.workspace.findUnique({ where: { slug: data.slug }, select: { id: true } });
    if (taken) throw new AppError('CONFLICT', 'That workspace address is taken.', { fields: { slug: ['is taken'] } });
    const workspace = await tx.workspace.create({ data, select: { id: true, slug: true, name: true } });
    await tx.membership.create({ data: { workspaceId: workspace.id, userId: ownerId, role: 'owner' } });
    const journal = new Journal(tx)
      .audit(workspace.id, actorId, 'workspace.created', workspace.id, { slug: data.slug })
      .audit(workspace.id, actorId, 'membership.added', ownerId, { role: 'owner' });
    await membershipChanged(journal, workspace.id, ownerId, 'create').flush();
    return workspace;
  });
}

export async function updateWorkspace({
  ctx,
  input,
}: {
  ctx: WorkspaceContext;
  input: z.input<typeof updateWorkspaceInputSchema>;
}): Promise<{ id: string; slug: string; name: string; visibility: 'private' | 'public'; licence: string | null }> {
  const data = updateWorkspaceInputSchema.parse(input);
  authorize(ctx, 'changeSettings');
  return db.$transaction(async (tx) => {
    const updated = await tx.workspace.update({
      where: { id: ctx.workspace.id },
      data,
      select: { id: true, slug: true, name: true, visibility: true, licence: true },
    });
    await new Journal(tx).audit(updated.id, ctx.userId, 'workspace.updated', updated.id, data).flush();
    return updated;
  });
}

/** Locks the workspace's owner rows and counts them, so two concurrent demotions cannot remove the last owner. */
async function ownerCount(tx: Tx, workspaceId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Membership" WHERE "workspaceId" = ${workspaceId} AND "role" = 'owner' ORDER BY "id" FOR UPDATE`;
  return rows.length;
}

/**
 * Adds the user with the role or changes their role, audited as the context's actor; the caller has authorized.
 * The member's row is read under a row lock inside the transaction, so a removal committed meanwhile is seen:
 * with `mustBeMember` that is NOT_FOUND, never a membership brought back.
 */
async function writeMembership(ctx: WorkspaceContext, userId: string, role: Role, { mustBeMember = false } = {}): Promise<void> {
  const workspaceId = ctx.workspace.id;
  await db.$transaction(async (tx) => {
    // owners' rows first, then the member's: the order every membership write locks in, so two never deadlock
    const owners = await ownerCount(tx, workspaceId);
    const [before] = await tx.$queryRaw<{ role: Role }[]>`
      SELECT "role" FROM "Membership" WHERE "workspaceId" = ${workspaceId} AND "userId" = ${userId} FOR UPDATE`;
    if (!before && mustBeMember) throw new AppError('NOT_FOUND', 'Member not found.');
    if (before?.role === role) return;
    if (before?.role === 'owner' && owners <= 1) {
      throw new AppError('CONFLICT', 'A workspace needs at least one owner: make someone else an owner first.');
    }
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId, userId } },
      create: { workspaceId, userId, role },
      update: { role },
    });
    const journal = new Journal(tx).audit(
      workspaceId,
      ctx.userId,
      before ? 'membership.role_changed' : 'membership.added',
      userId,
      before ? { from: before.role, to: role } : { role },
    );
    await membershipChanged(journal, workspaceId, userId, before ? 'update' : 'create').flush();
  });
}

/** Adds the user with the role or changes their role (operators, seeding). Audited. */
export async function setMembership({ ctx, userId, role }: { ctx: WorkspaceContext; userId: string; role: Role }): Promise<void> {
  authorize(ctx, 'changeRoles');
  await writeMembership(ctx, userId, role);
}

/** An owner changes a member's role (never the last owner's). */
export async function changeMemberRole({ ctx, memberId, role }: { ctx: WorkspaceContext; memberId: string; role: Role }): Promise<void> {
  const parsed = changeRoleInputSchema.parse({ role });
  authorize(ctx, 'changeRoles');
  await writeMembership(ctx, memberId, parsed.role, { mustBeMember: true });
}

/** Owners remove anyone; any member may leave. The last owner can do neither. */
export async function removeMember({ ctx, memberId }: { ctx: WorkspaceContext; memberId: string }): Promise<void> {
  const isLeaving = memberId === ctx.userId;
  authorize(ctx, isLeaving ? 'leave' : 'removeMembers');
  const workspaceId = ctx.workspace.id;
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: memberId } }, select: { role: true } });
    if (!member) throw new AppError('NOT_FOUND', 'Member not found.');
    if (member.role === 'owner' && (await ownerCount(tx, workspaceId)) <= 1) {
      throw new AppError('CONFLICT', 'The last owner cannot leave or be removed: make someone else an owner first.');
    }
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId: memberId } } });
    const journal = new Journal(tx).audit(workspaceId, ctx.userId, isLeaving ? 'membership.left' : 'membership.removed', memberId, { role: member.role });
    await membershipChanged(journal, workspaceId, memberId, 'delete').flush();
  });
}

export type CreatedInvite =
  | { kind: 'link'; token: string; invite: InviteDto }
  | { kind: 'email'; invitation: InviteDto; emailSent: boolean };

/**
 * An invite link (token shown once, stored hashed), or an invitation by email that the person accepts or declines
 * (./invitation-mutations.ts): the same answer whether or not the address has an account.
 */
export async function createInvite({ ctx, input }: { ctx: WorkspaceContext; input: CreateInviteInput }): Promise<CreatedInvite> {
  const data = createInviteInputSchema.parse(input);
  authorize(ctx, 'invite');
  const workspaceId = ctx.workspace.id;

  if (data.kind === 'email') return inviteByEmail({ ctx, email: data.email, role: data.role });

  // an invite link records who made it
  const createdById = requireUserId(ctx);
  const token = randomBytes(24).toString('base64url');
  const invite = await db.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        workspaceId,
        role: data.role,
        tokenHash: hashInviteToken(token),
        maxUses: data.maxUses,
        expiresAt: new Date(Date.now() + data.expiresInDays * 86_400_000),
        createdById,
      },
      select: { id: true, role: true, email: true, maxUses: true, uses: true, expiresAt: true, revokedAt: true, createdAt: true },
    });
    await new Journal(tx).audit(workspaceId, ctx.userId, 'invite.created', created.id, { role: data.role, maxUses: data.maxUses }).flush();
    return created;
  });
  return { kind: 'link', token, invite: { ...invite, status: inviteStatus(invite) } };
}

export async function revokeInvite({ ctx, inviteId }: { ctx: WorkspaceContext; inviteId: string }): Promise<void> {
  authorize(ctx, 'revokeInvites');
  const workspaceId = ctx.workspace.id;
  await db.$transaction(async (tx) => {
    const invite = await tx.invite.findFirst({ where: { id: inviteId, workspaceId }, select: { id: true, revokedAt: true } });
    if (!invite) throw new AppError('NOT_FOUND', 'Invite not found.');
    if (invite.revokedAt) return;
    await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
    await new Journal(tx).audit(workspaceId, ctx.userId, 'invite.revoked', invite.id).flush();
  });
}

const inviteProblems: Record<Exclude<InviteDto['status'], 'active'>, string> = {
  expired: 'This invite has expired. Ask an owner of the workspace for a new one.',
  revoked: 'This invite has been revoked. Ask an owner of the workspace for a new one.',
  used_up: 'This invite has already been used. Ask an owner of the workspace for a new one.',
  declined: 'This invitation was declined. Ask an owner of the workspace for a new one.',
};

/**
 * Joins the workspace through an invite link. Someone already a member keeps their role and uses nothing. The link
 * of an invitation by email works only for the account with that address, and opening it proves the address: it
 * is marked verified.
 */
export async function acceptInvite({ userId, token }: { userId: string; token: string }): Promise<{ workspace: { slug: string; name: string }; role: Role }> {
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({
      where: { tokenHash: hashInviteToken(token) },
      select: {
        id: true,
        workspaceId: true,
        role: true,
        email: true,
        maxUses: true,
        uses: true,
        expiresAt: true,
        revokedAt: true,
        declinedAt: true,
        workspace: { select: { slug: true, name: true, archivedAt: true } },
      },
    });
    if (!invite || invite.workspace.archivedAt) throw new AppError('NOT_FOUND', 'This invite link is not valid.');
    const status = inviteStatus(invite);
    if (status !== 'active') throw new AppError('BAD_REQUEST', inviteProblems[status]);
    if (invite.email !== null) {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
      if (user?.email !== invite.email) {
        throw new AppError('FORBIDDEN', 'This invitation was sent to another email address: sign in with the account that uses it.');
      }
      if (!user.emailVerified) await tx.user.update({ where: { id: userId }, data: { emailVerified: new Date() } });
      return joinThrough(tx, invite, userId, 'invitation');
    }
    return joinThrough(tx, invite, userId, 'invite');
  });
}
