// Who may export what: the workspace, the viewer's standing in it and the documents an export is filtered on.
// Owners and the operator's CLI see what an owner sees.
import type { WorkspaceContext } from '../context/context';
import { AppError } from '../errors';
import { documentsByRef } from './export-queries';
import type { Scope } from './export-types';
import type { ExportFilters } from './model';

/**
 * The context's workspace, its standing there (owners and the operator see what an owner sees) and the documents
 * filtered on. Who may ask is the caller's check: members export (`export`), anyone who may read the workspace
 * reads the W3C container.
 */
export async function resolveScope({ ctx, filters }: { ctx: WorkspaceContext; filters: ExportFilters }): Promise<Scope> {
  const ws = { id: ctx.workspace.id, slug: ctx.workspace.slug, name: ctx.workspace.name };
  const isOwner = ctx.role === 'owner';
  const viewerId = ctx.userId;
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
