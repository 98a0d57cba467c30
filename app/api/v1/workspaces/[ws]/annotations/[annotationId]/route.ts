// GET /api/v1/workspaces/:ws/annotations/:id — one annotation (a deleted one only to whoever may restore it)
// PATCH — edit: content by its author with `version` (409 with `error.current` when stale), `resolved` by any
//   reviewer, `hidden` by owners
// DELETE — soft delete by its author or an owner: 200 with the annotation (`deleted: true`), restorable 30 days
import { apiRoute } from '@/lib/api/handler';
import { annotationParams } from '@/lib/api/params';
import { deleteAnnotation, updateAnnotation } from '@/lib/annotations/mutations';
import { getAnnotation } from '@/lib/annotations/queries';
import { updateAnnotationInputSchema } from '@/lib/annotations/schemas';

export const GET = apiRoute({ auth: 'optional', params: annotationParams }, async ({ viewer, params }) =>
  getAnnotation({ userId: viewer?.userId ?? null, workspace: params.ws, id: params.annotationId }),
);

export const PATCH = apiRoute({ params: annotationParams, body: updateAnnotationInputSchema }, async ({ viewer, params, body }) =>
  updateAnnotation({ userId: viewer.userId, workspace: params.ws, id: params.annotationId, input: body }),
);

export const DELETE = apiRoute({ params: annotationParams }, async ({ viewer, params }) =>
  deleteAnnotation({ userId: viewer.userId, workspace: params.ws, id: params.annotationId }),
);
