// GET /api/v1/workspaces/:ws/claims/:id — a claim, its current credences and every revision, oldest first
import { apiRoute } from '@/lib/api/handler';
import { claimParams } from '@/lib/api/params';
import { getClaim } from '@/lib/annotations/queries';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: claimParams }, async ({ ctx, params }) =>
  getClaim({ ctx, id: params.claimId }),
);
