// GET /api/v1/workspaces/:ws/annotations/:id — one annotation (a deleted one only to whoever may restore it)
// PATCH — edit: content by its author with `version` (409 with `error.current` when stale), `resolved` by any
//   reviewer, `hidden` by owners
// DELETE — soft delete by its author or an owner: 200 with the annotation (`deleted: true`), restorable 30 days
import { apiRoute } from '@/lib/api/handler';
import { annotationParams } from '@/lib/api/params';
import { deleteAnnotation, updateAnnotation } from '@/lib/annotations/mutations';
import { getAnnotation } from '@/lib/annotations/queries';
import { updateAnnotationInputSchema } from '@/lib/annotations/schemas';

export const GET = apiRoute({ auth: 'optional', workspace: 'read', params: annotationParams }, async ({ ctx, params }) =>
  getAnnotation({ ctx, id: params.annotationId }),
);

// what may be changed depends on the fields sent (hiding is an owner's): updateAnnotation checks in that order
export const PATCH = apiRoute({ workspace: 'read', params: annotationParams, body: updateAnnotationInputSchema }, async ({ ctx, params, body }) =>
  updateAnnotation({ ctx, id: params.annotationId, input: body }),
);

export const DELETE = apiRoute({ workspace: 'deleteAnnotation', params: annotationParams }, async ({ ctx, params }) =>
  deleteAnnotation({ ctx, id: params.annotationId }),
);
