// Writes to workspaces and memberships.
import { db } from '../db';
import type { Role } from '../generated/prisma/client';

/** Creates the workspace if its slug is free; returns it either way (used by seeding and operators). */
export async function ensureWorkspace({ slug, name }: { slug: string; name: string }): Promise<{ id: string; slug: string; created: boolean }> {
  const existing = await db.workspace.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (existing) return { ...existing, created: false };
  const created = await db.workspace.create({ data: { slug, name }, select: { id: true, slug: true } });
  return { ...created, created: true };
}

/** Adds the user to the workspace with the role, or changes their role; audited. */
export async function setMembership({
  actorId,
  workspaceId,
  userId,
  role,
}: {
  actorId: string | null;
  workspaceId: string;
  userId: string;
  role: Role;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
      select: { role: true },
    });
    if (before?.role === role) return;
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId, userId } },
      create: { workspaceId, userId, role },
      update: { role },
    });
    await tx.auditLog.create({
      data: {
        workspaceId,
        actorId,
        action: before ? 'membership.role_changed' : 'membership.added',
        entityType: 'membership',
        entityId: userId,
        data: before ? { from: before.role, to: role } : { role },
      },
    });
  });
}
