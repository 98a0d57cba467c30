// Who may see which workspaces and documents, as Prisma where-clauses: authorization lives in the query, so a
// workspace the actor may not read is "not found" (404), never a 403 that confirms it exists.
import type { Prisma } from '../generated/prisma/client';
import type { WorkspaceRef } from './context';
import type { Role } from './roles';

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

export const documentBySlugOrId = (document: string): Prisma.DocumentWhereInput => ({
  OR: [{ slug: document }, { id: document }],
});

/** A workspace as the request context holds it, with the user's membership (at most one row: their role). */
export const workspaceWithRoleSelect = (userId: string | null) =>
  ({
    id: true,
    slug: true,
    name: true,
    visibility: true,
    memberships: { where: { userId: userId ?? '' }, select: { role: true, user: { select: { name: true } } } },
  }) satisfies Prisma.WorkspaceSelect;

/**
 * On a user row: their name and their membership of the live workspace `workspace` (slug or id), at most one row.
 * Membership is the member half of `readableWorkspaces`: a request's sign-in reads it in the same query as the
 * user (or token), and the context is built from it without a query of its own (lib/api/handler.ts); a reader
 * who is not a member (a public workspace, or none) takes `loadWorkspaceContext`'s whole rule.
 */
export const userWithMembershipSelect = (workspace: string) =>
  ({
    name: true,
    memberships: {
      where: { workspace: { AND: [workspaceBySlugOrId(workspace), { archivedAt: null }] } },
      take: 1,
      select: { role: true, workspace: { select: { id: true, slug: true, name: true, visibility: true } } },
    },
  }) satisfies Prisma.UserSelect;

/** What `userWithMembershipSelect` reads, as the request context takes it: null when the user is not a member. */
export type MembershipIn = { workspace: string; member: { workspace: WorkspaceRef; role: Role; userName: string } | null };

export function membershipIn(workspace: string, user: { name: string; memberships: { role: Role; workspace: WorkspaceRef }[] }): MembershipIn {
  const found = user.memberships[0];
  return { workspace, member: found ? { workspace: found.workspace, role: found.role, userName: user.name } : null };
}
