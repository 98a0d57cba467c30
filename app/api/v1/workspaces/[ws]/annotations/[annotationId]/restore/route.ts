// POST /api/v1/workspaces/:ws/annotations/:id/restore — undo a delete within 30 days (its author or an owner)
import { apiRoute } from '@/lib/api/handler';
import { annotationParams } from '@/lib/api/params';
import { restoreAnnotation } from '@/lib/annotations/mutations';

export const POST = apiRoute({ workspace: 'restoreAnnotation', params: annotationParams }, async ({ ctx, params }) =>
  restoreAnnotation({ ctx, id: params.annotationId }),
);
