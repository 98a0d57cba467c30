// Who may see which workspaces and documents, as Prisma where-clauses: authorization lives in the query, so a
// workspace the actor may not read is "not found" (404), never a 403 that confirms it exists.
import type { Prisma } from '../generated/prisma/client';

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
