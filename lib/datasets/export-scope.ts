// Who may export what: the workspace, the viewer's standing in it and the documents an export is filtered on.
// Members (observers and up) export; owners and the operator's CLI see what an owner sees.
import { AppError } from '../errors';
import { assertRole, hasRole } from '../workspaces/permissions';
import { getWorkspaceAccess, getWorkspaceBySlug } from '../workspaces/queries';
import { documentsByRef } from './export-queries';
import type { ExportActor, Scope } from './export-types';
import type { ExportFilters } from './model';

/**
 * The workspace, the viewer's standing and the documents filtered on. `{userId}` must be a member (observers and
 * up); `{reader}` is anyone who may read the workspace (the W3C protocol's read side, like GET annotations).
 */
export async function resolveScope(actor: ExportActor, workspace: string, filters: ExportFilters): Promise<Scope> {
  let ws: Scope['workspace'];
  let isOwner: boolean;
  let viewerId: string | null;
  if ('operator' in actor) {
    ws = await getWorkspaceBySlug({ slug: workspace });
    isOwner = true;
    viewerId = null;
  } else if ('reader' in actor) {
    const access = await getWorkspaceAccess({ userId: actor.reader, workspace });
    ws = { id: access.workspace.id, slug: access.workspace.slug, name: access.workspace.name };
    isOwner = hasRole(access.role, 'owner');
    viewerId = actor.reader;
  } else {
    const access = await getWorkspaceAccess({ userId: actor.userId, workspace });
    assertRole(access, 'observer', 'export annotations');
    ws = { id: access.workspace.id, slug: access.workspace.slug, name: access.workspace.name };
    isOwner = hasRole(access.role, 'owner');
    viewerId = actor.userId;
  }
  let documentIds: string[] | null = null;
  if (filters.documents.length > 0) {
    const docs = await documentsByRef({ workspaceId: ws.id, refs: filters.documents, withArchived: isOwner });
    const missing = filters.documents.filter((d) => !docs.some((doc) => doc.id === d || doc.slug === d));
    if (missing.length > 0) {
      throw new AppError('UNPROCESSABLE', `No such document in this workspace: ${missing.join(', ')}.`, { fields: { document: ['No such document in this workspace.'] } });
    }
    documentIds = docs.map((d) => d.id);
  }
  return { workspace: ws, isOwner, viewerId, documentIds, filters };
}
