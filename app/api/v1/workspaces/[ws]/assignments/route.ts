// GET /api/v1/workspaces/:ws/assignments?document= — owners: the workspace's assignments; anyone else: their own
// POST /api/v1/workspaces/:ws/assignments {"document","userId","dueAt"?} — assign a document (owners): 201 {assignment},
//   200 when it was assigned already (the due date changed)
// DELETE /api/v1/workspaces/:ws/assignments {"document","userId"} — take an assignment back (owners): 204
import { assignDocument, unassignDocument } from '@/lib/assignments/mutations';
import { listAssignments } from '@/lib/assignments/queries';
import { createAssignmentSchema, deleteAssignmentSchema, listAssignmentsQuery } from '@/lib/assignments/schemas';
import { apiRoute } from '@/lib/api/handler';
import { workspaceParams } from '@/lib/api/params';
import { json } from '@/lib/api/json';

export const GET = apiRoute({ workspace: 'read', params: workspaceParams, query: listAssignmentsQuery }, async ({ ctx, query }) =>
  listAssignments({ ctx, document: query.document }),
);

export const POST = apiRoute({ workspace: 'assign', params: workspaceParams, body: createAssignmentSchema }, async ({ ctx, body }) => {
  const { assignment, created } = await assignDocument({ ctx, input: body });
  return json({ assignment }, { status: created ? 201 : 200 });
});

export const DELETE = apiRoute({ workspace: 'assign', params: workspaceParams, body: deleteAssignmentSchema }, async ({ ctx, body }) => {
  await unassignDocument({ ctx, document: body.document, userId: body.userId });
  return new Response(null, { status: 204 });
});
