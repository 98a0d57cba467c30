// GET /api/v1/workspaces/:ws/members — the members and their roles (members; emails for owners)
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { listMembers } from '@/lib/workspaces/queries';

export const GET = apiRoute({ workspace: 'listMembers', params: workspaceParams }, async ({ ctx }) => listMembers({ ctx }));
