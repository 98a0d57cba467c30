// GET /api/v1/workspaces/:ws/audit — the workspace's audit log, newest first (owners); ?cursor= pages on
import { z } from 'zod';
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { listAuditLog } from '@/lib/workspaces/queries';

const query = z.object({ cursor: z.string().regex(/^\d+$/, 'must be a cursor from a previous page').optional() });

export const GET = apiRoute({ workspace: 'readAuditLog', params: workspaceParams, query }, async ({ ctx, query }) =>
  listAuditLog({ ctx, cursor: query.cursor }),
);
