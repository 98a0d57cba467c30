// Building the request context from the database, once per request, and the lookups every domain needs inside
// a workspace: the workspace itself (a workspace the actor may not read does not exist for them) and
// `requireDocument` (a live document by slug or id in the context's workspace, else NOT_FOUND).
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { documentBySlugOrId, readableWorkspaces, workspaceBySlugOrId, workspaceWithRoleSelect } from './permissions';
import { actorUserId, actorWorkspaceLimit, authorize, workspaceContext, type Actor, type Permission, type WorkspaceContext } from './context';

type Client = Prisma.TransactionClient | typeof db;

/**
 * The context of `actor` in `workspace` (slug or id). A user or a signed-out reader finds only workspaces they may
 * read; the operator finds any live workspace by slug. `notFound` is the message of the 404 (a document route says
 * "Document not found.", never that the workspace exists); `permission`, when given, is checked (403).
 */
export async function loadWorkspaceContext({
  actor,
  workspace,
  permission,
  notFound = 'Workspace not found.',
}: {
  actor: Actor;
  workspace: string;
  permission?: Permission;
  notFound?: string;
}): Promise<WorkspaceContext> {
  const userId = actorUserId(actor);
  // A token limited to one workspace finds no other (404, as for a workspace it may not read).
  const limit = actorWorkspaceLimit(actor);
  const found = await db.workspace.findFirst({
    where:
      actor.kind === 'operator'
        ? { slug: workspace, archivedAt: null }
        : { AND: [workspaceBySlugOrId(workspace), readableWorkspaces(userId), ...(limit ? [{ id: limit }] : [])] },
    select: workspaceWithRoleSelect(userId),
  });
  if (!found) throw new AppError('NOT_FOUND', actor.kind === 'operator' ? `Workspace "${workspace}" not found.` : notFound);
  const { memberships, ...ref } = found;
  const member = memberships[0];
  const ctx = workspaceContext(actor, ref, member?.role ?? null, member?.user.name);
  if (permission) authorize(ctx, permission);
  return ctx;
}

const defaultDocumentSelect = { id: true, slug: true, currentVersionId: true } satisfies Prisma.DocumentSelect;

type RequireDocumentOptions<S extends Prisma.DocumentSelect> = {
  select?: S;
  /** archived documents too (owners' views); default: live documents only */
  includeArchived?: boolean;
  /** inside a transaction */
  client?: Client;
  /** a document named in a request body: 422 on this field instead of 404 */
  field?: string;
};

/** The document (slug or id) in the context's workspace, with `select`; NOT_FOUND (or 422 on `field`) otherwise. */
export async function requireDocument<S extends Prisma.DocumentSelect = typeof defaultDocumentSelect>(
  ctx: WorkspaceContext,
  ref: string,
  options: RequireDocumentOptions<S> = {},
): Promise<Prisma.DocumentGetPayload<{ select: S }>> {
  const client = options.client ?? db;
  const found = await client.document.findFirst({
    where: { AND: [{ workspaceId: ctx.workspace.id, ...(options.includeArchived ? {} : { archivedAt: null }) }, documentBySlugOrId(ref)] },
    select: options.select ?? defaultDocumentSelect,
  });
  if (!found) {
    if (options.field) {
      const message = 'No such document in this workspace.';
      throw new AppError('UNPROCESSABLE', message, { fields: { [options.field]: [message] } });
    }
    throw new AppError('NOT_FOUND', 'Document not found.');
  }
  return found as unknown as Prisma.DocumentGetPayload<{ select: S }>;
}
