// The change feed's membership event (entityId: the member), so live streams can follow who belongs.
import type { Journal } from '../journal/journal';

export const membershipChanged = (journal: Journal, workspaceId: string, userId: string, action: 'create' | 'update' | 'delete') =>
  journal.change({ workspaceId, documentId: null, entity: 'membership', entityId: userId, action, version: 1 });
