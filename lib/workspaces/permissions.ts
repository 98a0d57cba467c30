// Who may see and do what in a workspace, as Prisma where-clauses and role checks. A workspace the viewer may
// not read is "not found" (404), never a 403 that confirms it exists; a role too low for an action is a 403.
import { AppError } from '../errors';
import type { Prisma, Role } from '../generated/prisma/client';

export const roles = ['owner', 'reviewer', 'observer'] as const satisfies readonly Role[];

const rank: Record<Role, number> = { observer: 0, reviewer: 1, owner: 2 };

/** Workspaces the user may read: those they belong to, and public ones (for anyone, signed in or not). */
export const readableWorkspaces = (userId: string | null): Prisma.WorkspaceWhereInput => ({
  archivedAt: null,
  OR: [{ visibility: 'public' }, ...(userId ? [{ memberships: { some: { userId } } }] : [])],
});

/** Workspaces the user belongs to. */
export const memberWorkspaces = (userId: string): Prisma.WorkspaceWhereInput => ({
  archivedAt: null,
  memberships: { some: { userId } },
});

export const workspaceBySlugOrId = (workspace: string): Prisma.WorkspaceWhereInput => ({
  OR: [{ slug: workspace }, { id: workspace }],
});

export type WorkspaceAccess = {
  workspace: { id: string; slug: string; name: string; visibility: 'private' | 'public' };
  /** null: a reader of a public workspace who is not a member */
  role: Role | null;
};

export const hasRole = (role: Role | null, minimum: Role): boolean => role !== null && rank[role] >= rank[minimum];

/** Throws 403 with a message saying who may do this, unless the viewer's role is at least `minimum`. */
export function assertRole(access: WorkspaceAccess, minimum: Role, action: string): void {
  if (hasRole(access.role, minimum)) return;
  if (access.role === null) throw new AppError('FORBIDDEN', `Only members of this workspace can ${action}.`);
  if (minimum === 'owner') throw new AppError('FORBIDDEN', `Only workspace owners can ${action}.`);
  throw new AppError('FORBIDDEN', `Observers cannot ${action}; an owner can make you a reviewer.`);
}
