// Who may see documents: anyone who may read their workspace (see lib/workspaces/permissions.ts).
import type { Prisma } from '../generated/prisma/client';
import { readableWorkspaces } from '../workspaces/permissions';

export const readableDocuments = (userId: string | null): Prisma.DocumentWhereInput => ({
  archivedAt: null,
  workspace: readableWorkspaces(userId),
});

export const documentBySlugOrId = (document: string): Prisma.DocumentWhereInput => ({
  OR: [{ slug: document }, { id: document }],
});
