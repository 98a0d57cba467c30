// Reads of workspaces, members, invites and the audit log, each filtered by what the viewer may see. Reads inside
// a workspace take the request context (lib/context), built once where the request entered.
import { createHash } from 'node:crypto';
import { authorize, hasRole, type WorkspaceContext } from '../context/context';
import { db } from '../db';
import { AppError } from '../errors';
import type { Role } from '../generated/prisma/client';
import { memberWorkspaces, workspaceWithRoleSelect } from '../context/permissions';

export type WorkspaceSummary = {
  id: string;
  slug: string;
  name: string;
  visibility: 'private' | 'public';
  role: Role;
  documentCount: number;
  memberCount: number;
};

export async function listMyWorkspaces({ userId }: { userId: string }): Promise<{ items: WorkspaceSummary[]; nextCursor: null }> {
  const workspaces = await db.workspace.findMany({
    where: memberWorkspaces(userId),
    orderBy: { name: 'asc' },
    select: {
      ...workspaceWithRoleSelect(userId),
      _count: { select: { memberships: true, documents: { where: { archivedAt: null } } } },
    },
  });
  return {
    items: workspaces.map((w) => ({
      id: w.id,
      slug: w.slug,
      name: w.name,
      visibility: w.visibility,
      role: w.memberships[0]?.role ?? 'observer',
      documentCount: w._count.documents,
      memberCount: w._count.memberships,
    })),
    nextCursor: null,
  };
}

export type MemberDto = { userId: string; name: string; email: string | null; role: Role; joinedAt: Date };

/** Members of a workspace the viewer belongs to. Emails are shown to owners only (they manage membership). */
export async function listMembers({ ctx }: { ctx: WorkspaceContext }): Promise<{ items: MemberDto[]; nextCursor: null }> {
  authorize(ctx, 'listMembers');
  const memberships = await db.membership.findMany({
    where: { workspaceId: ctx.workspace.id },
    orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const isOwner = hasRole(ctx.role, 'owner');
  return {
    items: memberships.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: isOwner || m.user.id === ctx.userId ? m.user.email : null,
      role: m.role,
      joinedAt: m.createdAt,
    })),
    nextCursor: null,
  };
}

export type InviteDto = {
  id: string;
  role: Role;
  email: string | null;
  maxUses: number | null;
  uses: number;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
  /** `declined`: an invitation by email its person declined */
  status: 'active' | 'expired' | 'revoked' | 'used_up' | 'declined';
};

export const inviteStatus = (
  invite: { revokedAt: Date | null; expiresAt: Date; maxUses: number | null; uses: number; declinedAt?: Date | null },
  now = new Date(),
): InviteDto['status'] => {
  if (invite.revokedAt) return 'revoked';
  if (invite.declinedAt) return 'declined';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up';
  return 'active';
};

export async function listInvites({ ctx }: { ctx: WorkspaceContext }): Promise<{ items: InviteDto[]; nextCursor: null }> {
  authorize(ctx, 'listInvites');
  const invites = await db.invite.findMany({
    where: { workspaceId: ctx.workspace.id },
    orderBy: { createdAt: 'desc' },
    select: { id: true, role: true, email: true, maxUses: true, uses: true, expiresAt: true, revokedAt: true, declinedAt: true, createdAt: true },
  });
  return { items: invites.map(({ declinedAt, ...i }) => ({ ...i, status: inviteStatus({ ...i, declinedAt }) })), nextCursor: null };
}

/** Invite tokens are stored hashed: the link holds the only copy of the token. */
export const hashInviteToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type InvitePreview = { workspace: { slug: string; name: string }; role: Role; status: InviteDto['status'] };

/** What an invite link leads to (for the join page); NOT_FOUND for a token that was never issued. */
export async function getInvitePreview({ token }: { token: string }): Promise<InvitePreview> {
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: { role: true, maxUses: true, uses: true, expiresAt: true, revokedAt: true, declinedAt: true, workspace: { select: { slug: true, name: true, archivedAt: true } } },
  });
  if (!invite || invite.workspace.archivedAt) throw new AppError('NOT_FOUND', 'This invite link is not valid.');
  return { workspace: { slug: invite.workspace.slug, name: invite.workspace.name }, role: invite.role, status: inviteStatus(invite) };
}

export type AuditEntryDto = {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  /** null: the operator; `name` null: an account deleted since (its id is kept) */
  actor: { id: string; name: string | null } | null;
  data: unknown;
  createdAt: Date;
};

export async function listAuditLog({
  ctx,
  cursor,
  limit = 50,
}: {
  ctx: WorkspaceContext;
  cursor?: string;
  limit?: number;
}): Promise<{ items: AuditEntryDto[]; nextCursor: string | null }> {
  authorize(ctx, 'readAuditLog');
  const rows = await db.auditLog.findMany({
    where: { workspaceId: ctx.workspace.id, ...(cursor ? { id: { lt: BigInt(cursor) } } : {}) },
    orderBy: { id: 'desc' },
    take: limit + 1,
    select: { id: true, action: true, entityType: true, entityId: true, data: true, createdAt: true, actorId: true },
  });
  const page = rows.slice(0, limit);
  // the actor is a plain id (entries outlive deleted accounts): names are looked up, a deleted account has none
  const actorIds = [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const actors = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name] as const),
  );
  return {
    items: page.map(({ actorId, ...r }) => ({ ...r, id: r.id.toString(), actor: actorId ? { id: actorId, name: actors.get(actorId) ?? null } : null })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

/** Whether the user still belongs to the live workspace (a live stream asks again at every heartbeat). */
export async function isMemberOf({ userId, workspaceId }: { userId: string; workspaceId: string }): Promise<boolean> {
  const membership = await db.membership.findFirst({ where: { userId, workspaceId, workspace: { archivedAt: null } }, select: { id: true } });
  return membership !== null;
}

/** The licence owners set on the workspace's data (named in its data packages), or null. */
export async function getWorkspaceLicence({ ctx }: { ctx: WorkspaceContext }): Promise<string | null> {
  const ws = await db.workspace.findUnique({ where: { id: ctx.workspace.id }, select: { licence: true } });
  return ws?.licence ?? null;
}
